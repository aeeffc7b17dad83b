using Clv.Training.Baselines;

namespace Clv.Training.Metrics;

/// <summary>
/// The headline figures of one model in a backtest; NaN for a task the model does not forecast.
/// <see cref="IntervalCoverage"/> = share of customers whose window spend lies in [P10, P90]
/// (NaN for a model without intervals); <see cref="NominalIntervalCoverage"/> = the mean of the model's
/// own probability of [P10, P90], which the observed coverage matches when the intervals mean what they say;
/// <see cref="RandomisedIntervalCoverage"/> = the randomised P10-P90 coverage
/// (<see cref="SpendMetrics.RandomisedIntervalCoverage"/>), 80% in expectation for a calibrated model whatever its
/// zero mass (NaN for a model without intervals or without the spend's zero mass).
/// </summary>
public sealed record ModelMetrics(
    double ChurnAuc,
    double ChurnLogLoss,
    double SpendMae,
    double SpendRmse,
    double Gini,
    double IntervalCoverage = double.NaN,
    double NominalIntervalCoverage = double.NaN,
    double RandomisedIntervalCoverage = double.NaN)
{
    /// <summary>A task whose forecasts contain NaN (a single-task model's other task) scores NaN rather than a misleading number.</summary>
    public static ModelMetrics Compute(IReadOnlyList<double> churnProbabilities, IReadOnlyList<double> expectedSpend, IReadOnlyList<bool> churned, IReadOnlyList<double> actualSpend)
    {
        var hasChurn = !churnProbabilities.Any(double.IsNaN);
        var hasSpend = !expectedSpend.Any(double.IsNaN);
        return new ModelMetrics(
            hasChurn ? ChurnMetrics.Auc(churnProbabilities, churned) : double.NaN,
            hasChurn ? ChurnMetrics.LogLoss(churnProbabilities, churned) : double.NaN,
            hasSpend ? SpendMetrics.MeanAbsoluteError(expectedSpend, actualSpend) : double.NaN,
            hasSpend ? SpendMetrics.RootMeanSquaredError(expectedSpend, actualSpend) : double.NaN,
            hasSpend ? SpendMetrics.NormalizedGini(expectedSpend, actualSpend) : double.NaN);
    }

    /// <summary>
    /// The figures above plus the P10-P90 coverage when every prediction carries an interval, and its randomised
    /// version when every prediction also carries the spend's zero mass.
    /// </summary>
    public static ModelMetrics Compute(IReadOnlyList<ChurnSpendPrediction> predictions, IReadOnlyList<WindowOutcome> outcomes)
    {
        var actualSpend = outcomes.Select(o => o.Spend).ToArray();
        var metrics = Compute(predictions.Select(p => p.ChurnProbability).ToArray(), predictions.Select(p => p.ExpectedSpend).ToArray(), outcomes.Select(o => o.Churned).ToArray(), actualSpend);
        var hasIntervals = predictions.Count > 0 && predictions.All(p => !double.IsNaN(p.SpendP10) && !double.IsNaN(p.SpendP90));
        if (!hasIntervals)
        {
            return metrics;
        }

        var (lower, upper) = (predictions.Select(p => p.SpendP10).ToArray(), predictions.Select(p => p.SpendP90).ToArray());
        return metrics with
        {
            IntervalCoverage = SpendMetrics.IntervalCoverage(lower, upper, actualSpend),
            NominalIntervalCoverage = predictions.Average(p => p.SpendIntervalProbability),
            RandomisedIntervalCoverage = predictions.Any(p => double.IsNaN(p.SpendZeroMass))
                ? double.NaN
                : SpendMetrics.RandomisedIntervalCoverage(predictions.Select(p => p.SpendZeroMass).ToArray(), lower, upper, actualSpend),
        };
    }
}
