namespace Clv.Training.Metrics;

/// <summary>One group of a calibration table: how many customers, their mean prediction and mean outcome.</summary>
public sealed record CalibrationBin(int Bin, int Count, double MeanPredicted, double MeanActual);
