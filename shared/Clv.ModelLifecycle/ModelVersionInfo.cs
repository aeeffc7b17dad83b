using Clv.Model;

namespace Clv.ModelLifecycle;

/// <summary>What the model store knows about one stored version, besides its weights.</summary>
/// <param name="Metrics">Holdout metrics of the version (e.g. churn_auc, spend_mae), as measured by the trainer.</param>
/// <param name="Decision">The trainer's or operator's last verdict on the version (promoted, rejected, ...).</param>
/// <param name="Reason">Why that verdict was reached, in words an operator can act on.</param>
/// <param name="Kind">Which kind of model the weights file holds (versions stored before kinds existed are LSTMs).</param>
public sealed record ModelVersionInfo(
    string Version,
    string Sha256,
    long SizeBytes,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, double> Metrics,
    ModelDecision Decision,
    string Reason,
    ModelKind Kind = ModelKind.MtlLstm);
