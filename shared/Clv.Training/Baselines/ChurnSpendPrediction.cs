namespace Clv.Training.Baselines;

/// <summary>A model's forecast for one customer and window: P(no purchase) and the expected total spend.</summary>
public readonly record struct ChurnSpendPrediction(double ChurnProbability, double ExpectedSpend);
