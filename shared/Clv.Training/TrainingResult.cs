using Clv.Model;

namespace Clv.Training;

/// <summary>The trained model (the best epoch on validation loss), its loss history and its validation metrics.</summary>
public sealed record TrainingResult(
    MtlLstmModel Model,
    IReadOnlyList<EpochLosses> History,
    int BestEpoch,
    ValidationMetrics Validation,
    TimeSpan Elapsed);
