namespace Clv.Training.Backtesting;

/// <summary>One customer's churn and CLV day by day through the calibration period, by the MTL-LSTM and by BG/NBD + Gamma-Gamma.</summary>
public sealed record CustomerTrajectory(string Kind, string CustomerId, IReadOnlyList<DateOnly> PurchaseDays, IReadOnlyList<TrajectoryPoint> Points);
