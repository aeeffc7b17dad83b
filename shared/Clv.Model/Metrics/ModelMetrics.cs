namespace Clv.Model.Metrics;

/// <summary>The headline figures of one model in a backtest.</summary>
public sealed record ModelMetrics(double ChurnAuc, double ChurnLogLoss, double SpendMae, double SpendRmse, double Gini)
{
    public static ModelMetrics Compute(IReadOnlyList<double> churnProbabilities, IReadOnlyList<double> expectedSpend, IReadOnlyList<bool> churned, IReadOnlyList<double> actualSpend) =>
        new(ChurnMetrics.Auc(churnProbabilities, churned),
            ChurnMetrics.LogLoss(churnProbabilities, churned),
            SpendMetrics.MeanAbsoluteError(expectedSpend, actualSpend),
            SpendMetrics.RootMeanSquaredError(expectedSpend, actualSpend),
            SpendMetrics.NormalizedGini(expectedSpend, actualSpend));
}
