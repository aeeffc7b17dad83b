using Clv.Model.Data;
using Clv.Model.Features;

namespace Clv.TestInfrastructure.Reference;

/// <summary>
/// The eight event inputs, the recency input and the two order-value inputs, written from docs/model.md
/// ("Inputs of one event", "Order values").
/// </summary>
public static class ReferenceFeatures
{
    public static double[] Event(CustomerEvent e, DateTime? previousTime, FeatureStatistics statistics)
    {
        var x = new double[8];
        x[0] = (Math.Log(1 + e.Amount) - statistics.LogAmountMean) / statistics.LogAmountStd;
        x[1] = e.IsRefund ? 1 : 0;
        if (previousTime is null)
        {
            x[2] = 0;
            x[3] = 1;
        }
        else
        {
            var gapDays = Math.Max(0, (e.Time - previousTime.Value).TotalDays);
            x[2] = (Math.Log(1 + gapDays) - statistics.LogGapMean) / statistics.LogGapStd;
            x[3] = 0;
        }

        var day = (int)e.Time.DayOfWeek; // Sunday = 0
        x[4] = Math.Sin(2 * Math.PI * day / 7);
        x[5] = Math.Cos(2 * Math.PI * day / 7);
        var month = e.Time.Month;
        x[6] = Math.Sin(2 * Math.PI * (month - 1) / 12);
        x[7] = Math.Cos(2 * Math.PI * (month - 1) / 12);
        return x;
    }

    public static double Recency(double daysSinceLastEvent, FeatureStatistics statistics) =>
        (Math.Log(1 + Math.Max(0, daysSinceLastEvent)) - statistics.LogRecencyMean) / statistics.LogRecencyStd;

    /// <summary>
    /// e1, e2 of the purchases among <paramref name="events"/> (refunds are not orders): two passes over their
    /// log amounts for the mean and the squared deviations, then the shrinkage of docs/model.md (the mean in its
    /// precision-weighted form, the same number as the weight-from-count form the model computes).
    /// </summary>
    public static double[] OrderValues(IEnumerable<CustomerEvent> events, OrderValuePrior prior)
    {
        var values = events.Where(e => !e.IsRefund).Select(e => Math.Log(1 + e.Amount)).ToList();
        var n = values.Count;
        var mean = n == 0 ? 0 : values.Sum() / n;
        var squares = values.Sum(v => (v - mean) * (v - mean));
        // The posterior mean of a normal mean: precision-weighted average of the prior mean and n observations.
        var shrunkMean = ((n * mean / prior.WithinVariance) + (prior.Mean / prior.BetweenVariance)) / ((n / prior.WithinVariance) + (1 / prior.BetweenVariance));
        var shrunkVariance = ((prior.VariancePseudoCount * prior.WithinVariance) + squares) / (prior.VariancePseudoCount + Math.Max(n - 1, 0));
        return [(shrunkMean - prior.Mean) / Math.Sqrt(prior.BetweenVariance), 0.5 * Math.Log(shrunkVariance / prior.WithinVariance)];
    }
}
