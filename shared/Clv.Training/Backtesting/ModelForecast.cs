using Clv.Training.Metrics;

namespace Clv.Training.Backtesting;

/// <summary>
/// One model's forecasts for the backtest's customers, in the order of
/// <see cref="BacktestResult.CustomerIds"/>. A single-task model leaves the task it was not trained
/// for as NaN, and its metrics for that task are NaN too.
/// </summary>
public sealed record ModelForecast(string Model, double[] ChurnProbabilities, double[] ExpectedSpend, ModelMetrics Metrics, IReadOnlyList<LossPoint> LossCurve);
