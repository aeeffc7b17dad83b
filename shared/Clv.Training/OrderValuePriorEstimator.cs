using Clv.Model.Features;

namespace Clv.Training;

/// <summary>
/// Fits <see cref="OrderValuePrior"/> by the method of moments of the one-way random-effects model on the
/// training customers' purchases: the within-customer variance pooled over customers with repeat orders,
/// the population mean as the mean of customer means, and the between-customer variance as the variance of
/// customer means less the part their own sampling noise explains (floored so the prior stays proper).
/// </summary>
internal static class OrderValuePriorEstimator
{
    /// <summary>Prior orders' worth of the population's within-customer variance (fixed, not fitted).</summary>
    public const double VariancePseudoCount = 4;

    // The between-customer variance is kept at least this share of the within one (own means then need ~1,000 orders to count fully).
    private const double MinimumBetweenShare = 1e-3;

    public static OrderValuePrior Fit(IEnumerable<OrderValueMoments> customers)
    {
        var means = new RunningMoments();
        double withinSquares = 0;
        long withinDegrees = 0;
        double inverseCounts = 0;
        foreach (var customer in customers)
        {
            if (customer.Count == 0)
            {
                continue;
            }

            means.Add(customer.Mean);
            withinSquares += customer.SumOfSquares;
            withinDegrees += customer.Count - 1;
            inverseCounts += 1.0 / customer.Count;
        }

        if (means.Count < 2)
        {
            return OrderValuePrior.Uninformative;
        }

        var meansVariance = means.Std * means.Std;
        var within = withinDegrees > 0 && withinSquares > 0 ? withinSquares / withinDegrees : meansVariance;
        var between = Math.Max(meansVariance - (within * inverseCounts / means.Count), MinimumBetweenShare * within);
        return new OrderValuePrior(means.Mean, between, within, VariancePseudoCount);
    }
}
