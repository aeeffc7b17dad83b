using Clv.Model.BuyTillYouDie;
using Clv.Model.Data;
using Clv.Model.Features;

namespace Clv.TestInfrastructure.Reference;

/// <summary>
/// The eight event inputs, the recency input, the two order-value inputs and the two BG/NBD inputs, written from
/// docs/model.md ("Inputs of one event", "Order values", "BG/NBD's view").
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

    /// <summary>
    /// b1, b2 of the purchases among <paramref name="events"/> as of <paramref name="asOf"/>: purchase days are the
    /// distinct UTC dates of non-refund events, x = days - 1, t_x and T in weeks from the first; P(alive) from the
    /// two terms of the BG/NBD likelihood (FHL 2005 eq. 6, the Γ(r+x) α^r / Γ(r) factor common to both dropped), the
    /// posterior purchase rate while alive (r + x) / (α + T) per week, turned into days.
    /// </summary>
    public static double[] BgNbd(IEnumerable<CustomerEvent> events, DateTime asOf, BgNbdPrior prior)
    {
        var days = events.Where(e => !e.IsRefund).Select(e => e.Time.Date).Distinct().Order().ToList();
        double x = Math.Max(0, days.Count - 1);
        var tx = days.Count == 0 ? 0 : (days[^1] - days[0]).TotalDays / 7;
        var t = days.Count == 0 ? 0 : (new[] { asOf.Date, days[^1] }.Max() - days[0]).TotalDays / 7;
        var (r, alpha, a, b) = (prior.R, prior.Alpha, prior.A, prior.B);
        double logitAlive;
        if (x == 0)
        {
            logitAlive = BgNbdPrior.MaxLogitAlive;
        }
        else
        {
            var alive = SpecialFunctions.LogBeta(a, b + x) - ((r + x) * Math.Log(alpha + t));
            var droppedAtLastPurchase = SpecialFunctions.LogBeta(a + 1, b + x - 1) - ((r + x) * Math.Log(alpha + tx));
            logitAlive = Math.Clamp(alive - droppedAtLastPurchase, -BgNbdPrior.MaxLogitAlive, BgNbdPrior.MaxLogitAlive);
        }

        var logRatePerDay = Math.Log((r + x) / (alpha + t) / 7);
        return [(logitAlive - prior.LogitAliveMean) / prior.LogitAliveStd, (logRatePerDay - prior.LogRateMean) / prior.LogRateStd];
    }
}
