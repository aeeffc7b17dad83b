namespace Clv.Model.Baselines;

/// <summary>
/// A model's forecast for one customer and window: P(no purchase), the expected total spend, the
/// discounted value over the CLV horizon, and the 10th/90th percentiles of window spend. NaN for
/// whatever the model does not forecast.
/// </summary>
public readonly record struct ChurnSpendPrediction(
    double ChurnProbability,
    double ExpectedSpend,
    double Clv = double.NaN,
    double SpendP10 = double.NaN,
    double SpendP90 = double.NaN);
