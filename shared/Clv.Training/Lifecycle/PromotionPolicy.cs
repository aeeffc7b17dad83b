using System.Globalization;
using Clv.Training.Metrics;

namespace Clv.Training.Lifecycle;

/// <summary>
/// The trainer's gate: a candidate is promoted only if, on the same holdout, it is not worse than the active
/// model beyond the configured tolerances (churn AUC and spend MAE); the first model must beat chance.
/// </summary>
public static class PromotionPolicy
{
    public static PromotionDecision Decide(ModelMetrics candidate, ModelMetrics? active, PromotionOptions options)
    {
        if (!double.IsFinite(candidate.ChurnAuc) || !double.IsFinite(candidate.SpendMae) || !double.IsFinite(candidate.ChurnLogLoss))
        {
            return new(false, $"rejected: non-finite holdout metrics ({MetricsReport.Describe(candidate)})");
        }

        if (active is null)
        {
            var floor = 0.5 + options.MinChurnAucOverChance;
            return candidate.ChurnAuc >= floor
                ? new(true, Text($"promoted: first model, churn AUC {candidate.ChurnAuc:F4} >= {floor:F4} ({MetricsReport.Describe(candidate)})"))
                : new(false, Text($"rejected: first model, churn AUC {candidate.ChurnAuc:F4} < {floor:F4}, no better than chance ({MetricsReport.Describe(candidate)})"));
        }

        var failures = new List<string>(2);
        var aucFloor = active.ChurnAuc - options.MaxChurnAucDrop;
        if (candidate.ChurnAuc < aucFloor)
        {
            failures.Add(Text($"churn AUC {candidate.ChurnAuc:F4} < active {active.ChurnAuc:F4} - {options.MaxChurnAucDrop}"));
        }

        var maeCeiling = active.SpendMae * (1 + options.MaxSpendMaeIncrease);
        if (candidate.SpendMae > maeCeiling)
        {
            failures.Add(Text($"spend MAE {candidate.SpendMae:F2} > active {active.SpendMae:F2} * (1 + {options.MaxSpendMaeIncrease})"));
        }

        var comparison = $"candidate: {MetricsReport.Describe(candidate)}; active: {MetricsReport.Describe(active)}";
        return failures.Count == 0
            ? new(true, $"promoted: not worse than the active model within tolerance ({comparison})")
            : new(false, $"rejected: {string.Join("; ", failures)} ({comparison})");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
