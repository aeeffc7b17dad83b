using Clv.Training.Baselines;
using Clv.Training.Metrics;
using Clv.Training;

namespace Clv.Training.Backtesting;

/// <summary>
/// One model's forecasts for the backtest's customers, in the order of
/// <see cref="BacktestResult.CustomerIds"/>. A single-task model leaves the task it was not trained
/// for as NaN, and its metrics for that task are NaN too; so does a model without CLV or intervals.
/// </summary>
public sealed record ModelForecast(string Model, IReadOnlyList<ChurnSpendPrediction> Predictions, ModelMetrics Metrics, IReadOnlyList<EpochLosses> LossCurve)
{
    public double[] ChurnProbabilities { get; } = Predictions.Select(p => p.ChurnProbability).ToArray();

    public double[] ExpectedSpend { get; } = Predictions.Select(p => p.ExpectedSpend).ToArray();

    public double[] SpendP10 { get; } = Predictions.Select(p => p.SpendP10).ToArray();

    public double[] SpendP90 { get; } = Predictions.Select(p => p.SpendP90).ToArray();

    public double[] SpendZeroMass { get; } = Predictions.Select(p => p.SpendZeroMass).ToArray();

    public bool HasIntervals => !double.IsNaN(Metrics.IntervalCoverage);

    public bool HasRandomisedCoverage => !double.IsNaN(Metrics.RandomisedIntervalCoverage);
}
