using System.Globalization;

namespace Clv.Workers.ModelLifecycle;

/// <summary>A model's scores on the time-based holdout, named as <c>clv backtest</c> names them in metrics.json.</summary>
public sealed record HoldoutMetrics(double ChurnAuc, double ChurnLogLoss, double SpendMae, double Gini, int Customers)
{
    public IReadOnlyDictionary<string, double> ToDictionary(string prefix = "") => new Dictionary<string, double>
    {
        [prefix + "churn_auc"] = ChurnAuc,
        [prefix + "churn_logloss"] = ChurnLogLoss,
        [prefix + "spend_mae"] = SpendMae,
        [prefix + "gini"] = Gini,
        [prefix + "customers"] = Customers,
    };

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"churn AUC {ChurnAuc:F4}, log loss {ChurnLogLoss:F4}, spend MAE {SpendMae:F2}, Gini {Gini:F4} on {Customers} customers");
}
