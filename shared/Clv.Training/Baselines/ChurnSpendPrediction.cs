using Clv.Model.BuyTillYouDie;
using Clv.Model.Network;

namespace Clv.Training.Baselines;

/// <summary>
/// A model's forecast for one customer and window: P(no purchase), the expected total spend, the
/// discounted value over the CLV horizon, the 10th/90th percentiles of window spend and the spend's zero mass
/// P(spend = 0), which the randomised interval coverage and the model's own interval probability need. NaN for
/// whatever the model does not forecast.
/// </summary>
public readonly record struct ChurnSpendPrediction(
    double ChurnProbability,
    double ExpectedSpend,
    double Clv = double.NaN,
    double SpendP10 = double.NaN,
    double SpendP90 = double.NaN,
    double SpendZeroMass = double.NaN)
{
    /// <summary>
    /// The model's own probability that spend lies in [P10, P90], which follows from the zero mass of a distribution
    /// continuous above 0: 0.8, more when P10 = 0 and the atom at zero is inside. NaN without the zero mass.
    /// </summary>
    public double SpendIntervalProbability => double.IsNaN(SpendZeroMass)
        ? double.NaN
        : ZeroInflatedLogNormalHead.IntervalProbability(SpendZeroMass, BgNbdGammaGammaModel.LowerQuantile, BgNbdGammaGammaModel.UpperQuantile);
}
