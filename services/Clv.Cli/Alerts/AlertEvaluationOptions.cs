using Clv.Contracts.Files;
using Clv.Workers.Options;

namespace Clv.Cli.Alerts;

/// <summary>
/// <c>clv alerts evaluate</c>: fit on the events up to <see cref="CalibrationEnd"/>, raise alerts in
/// (CalibrationEnd, HoldoutEnd - 90 days] and judge each by the 90 days after it.
/// </summary>
public sealed record AlertEvaluationOptions(
    string TransactionsPath,
    TransactionFileFormat Format,
    DateOnly CalibrationEnd,
    DateOnly HoldoutEnd,
    ChurnAlertOptions Policy,
    double[] SilenceThresholdDays,
    int Seed = 1,
    int? LstmMaxEpochs = null);
