using System.Globalization;
using Clv.Model.Stacking;
using Clv.Training.Metrics;

namespace Clv.Training.Lifecycle;

/// <summary>Holdout metrics as the trainer logs them and as the model store records them (names as in <c>clv backtest</c>'s metrics.json).</summary>
public static class MetricsReport
{
    public static string Describe(ModelMetrics m) => string.Create(
        CultureInfo.InvariantCulture,
        $"churn AUC {m.ChurnAuc:F4}, log loss {m.ChurnLogLoss:F4}, spend MAE {m.SpendMae:F2}, RMSE {m.SpendRmse:F2}, Gini {m.Gini:F4}");

    /// <summary>Adds the metrics to <paramref name="into"/> under <paramref name="prefix"/> (e.g. "bgnbd." for a baseline).</summary>
    public static void AddTo(IDictionary<string, double> into, ModelMetrics m, string prefix = "")
    {
        into[prefix + "churn_auc"] = m.ChurnAuc;
        into[prefix + "churn_logloss"] = m.ChurnLogLoss;
        into[prefix + "spend_mae"] = m.SpendMae;
        into[prefix + "spend_rmse"] = m.SpendRmse;
        into[prefix + "gini"] = m.Gini;
    }

    /// <summary>Adds a stack's blend weights under "stack." (churn logit = intercept + churn_lstm x LSTM logit + churn_bgnbd x BG/NBD logit; spend = spend_lstm x LSTM + spend_bgnbd x BG/NBD).</summary>
    public static void AddTo(IDictionary<string, double> into, StackWeights weights)
    {
        into["stack.churn_intercept"] = weights.ChurnIntercept;
        into["stack.churn_lstm"] = weights.ChurnLstmWeight;
        into["stack.churn_bgnbd"] = weights.ChurnBgNbdWeight;
        into["stack.spend_lstm"] = weights.SpendLstmWeight;
        into["stack.spend_bgnbd"] = weights.SpendBgNbdWeight;
    }
}
