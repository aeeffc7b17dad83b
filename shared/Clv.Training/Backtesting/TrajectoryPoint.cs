namespace Clv.Training.Backtesting;

/// <summary>Scores at the end of <see cref="Day"/>: P(no purchase within the holdout horizon) and CLV, by each model.</summary>
public readonly record struct TrajectoryPoint(DateOnly Day, double LstmChurn, double LstmClv, double BgNbdChurn, double BgNbdClv);
