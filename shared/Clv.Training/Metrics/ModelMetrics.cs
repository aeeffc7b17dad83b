namespace Clv.Training.Metrics;

/// <summary>The headline figures of one model in a backtest; NaN for a task the model does not forecast.</summary>
public sealed record ModelMetrics(double ChurnAuc, double ChurnLogLoss, double SpendMae, double SpendRmse, double Gini)
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
}
