namespace Clv.Training.Metrics;

/// <summary>Quality of predicted spend against actual spend.</summary>
public static class SpendMetrics
{
    // The levels of the interval [P10, P90].
    private const double LowerLevel = 0.10;
    private const double UpperLevel = 0.90;

    public static double MeanAbsoluteError(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        ChurnMetrics.RequireSameLength(predicted.Count, actual.Count);
        var sum = 0.0;
        for (var i = 0; i < actual.Count; i++)
        {
            sum += Math.Abs(predicted[i] - actual[i]);
        }

        return sum / actual.Count;
    }

    public static double RootMeanSquaredError(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        ChurnMetrics.RequireSameLength(predicted.Count, actual.Count);
        var sum = 0.0;
        for (var i = 0; i < actual.Count; i++)
        {
            var error = predicted[i] - actual[i];
            sum += error * error;
        }

        return Math.Sqrt(sum / actual.Count);
    }

    /// <summary>
    /// Normalised Gini: the Gini of the cumulative-gains curve ranked by prediction divided by the
    /// Gini of the perfect ranking (by actual spend). 1 = perfect order, 0 = no better than random.
    /// </summary>
    public static double NormalizedGini(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        var perfect = CumulativeGains.Compute(actual, actual).Gini;
        return perfect == 0 ? double.NaN : CumulativeGains.Compute(predicted, actual).Gini / perfect;
    }

    /// <summary>
    /// Customers sorted by prediction (ascending) into <paramref name="bins"/> groups of equal size
    /// (the first groups one larger when it does not divide); mean predicted and mean actual per group.
    /// </summary>
    public static IReadOnlyList<CalibrationBin> DecileCalibration(IReadOnlyList<double> predicted, IReadOnlyList<double> actual, int bins = 10)
    {
        ChurnMetrics.RequireSameLength(predicted.Count, actual.Count);
        var order = Enumerable.Range(0, predicted.Count).OrderBy(i => predicted[i]).ThenBy(i => i).ToArray();
        var result = new List<CalibrationBin>(bins);
        var start = 0;
        for (var bin = 0; bin < bins && start < order.Length; bin++)
        {
            var size = order.Length / bins + (bin < order.Length % bins ? 1 : 0);
            double predictedSum = 0, actualSum = 0;
            for (var k = start; k < start + size; k++)
            {
                predictedSum += predicted[order[k]];
                actualSum += actual[order[k]];
            }

            result.Add(new CalibrationBin(bin + 1, size, predictedSum / size, actualSum / size));
            start += size;
        }

        return result;
    }

    /// <summary>Share of customers whose actual value lies in [lower, upper], both ends included.</summary>
    public static double IntervalCoverage(IReadOnlyList<double> lower, IReadOnlyList<double> upper, IReadOnlyList<double> actual) =>
        Mean(Inside(lower, upper, actual));

    /// <summary>
    /// The randomised P10-P90 coverage (the randomised PIT of Czado, Gneiting &amp; Held 2009, "Predictive model
    /// assessment for count data", in expectation, so without random draws): the mean over customers of
    /// <see cref="RandomisedInside"/>. A calibrated forecaster scores 80% in expectation whatever its zero mass,
    /// where the plain count of <see cref="IntervalCoverage"/> is 90% for every customer whose zero mass is 10-90%.
    /// </summary>
    public static double RandomisedIntervalCoverage(IReadOnlyList<double> zeroMass, IReadOnlyList<double> lower, IReadOnlyList<double> upper, IReadOnlyList<double> actual) =>
        Mean(RandomisedInside(zeroMass, lower, upper, actual));

    /// <summary>Per customer, 1 when the actual value lies in [lower, upper] (both ends included), else 0.</summary>
    public static double[] Inside(IReadOnlyList<double> lower, IReadOnlyList<double> upper, IReadOnlyList<double> actual)
    {
        ChurnMetrics.RequireSameLength(lower.Count, actual.Count);
        ChurnMetrics.RequireSameLength(upper.Count, actual.Count);
        var inside = new double[actual.Count];
        for (var i = 0; i < inside.Length; i++)
        {
            inside[i] = actual[i] >= lower[i] && actual[i] <= upper[i] ? 1 : 0;
        }

        return inside;
    }

    /// <summary>
    /// Per customer, the probability that the randomised PIT of the outcome y lies in [0.1, 0.9] under a forecast with
    /// P(y = 0) = π (<paramref name="zeroMass"/>), 10th percentile P10 (<paramref name="lower"/>) and 90th percentile
    /// P90 (<paramref name="upper"/>), continuous above 0:
    /// <list type="bullet">
    /// <item>y = 0: the PIT is uniform on [0, π], so max(0, min(π, 0.9) − 0.1) / π (0 when π = 0);</item>
    /// <item>y &gt; 0: the PIT is F(y), covered (1) iff P10 &lt;= y &lt;= P90, else 0. When π &gt;= 10%, P10 = 0 and every
    /// y &gt; 0 meets the lower end (F(y) &gt; π &gt;= 0.1); when π &gt;= 90%, P90 = 0 and no y &gt; 0 is covered (F(y) &gt; 0.9);</item>
    /// <item>y &lt; 0 (refunds beyond purchases) lies below P10 &gt;= 0: 0, as in the plain count.</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A zero mass outside [0, 1] or NaN.</exception>
    public static double[] RandomisedInside(IReadOnlyList<double> zeroMass, IReadOnlyList<double> lower, IReadOnlyList<double> upper, IReadOnlyList<double> actual)
    {
        var inside = Inside(lower, upper, actual);
        ChurnMetrics.RequireSameLength(zeroMass.Count, actual.Count);
        for (var i = 0; i < inside.Length; i++)
        {
            var pi = zeroMass[i];
            if (!(pi >= 0 && pi <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(zeroMass), pi, $"zero mass of customer {i} must lie in [0, 1]");
            }

            if (actual[i] == 0)
            {
                inside[i] = pi > LowerLevel ? (Math.Min(pi, UpperLevel) - LowerLevel) / pi : 0;
            }
        }

        return inside;
    }

    /// <summary>
    /// Mean per group of customers sorted by <paramref name="predicted"/> (the groups of <see cref="DecileCalibration"/>)
    /// of a per-customer coverage (<see cref="Inside"/> or <see cref="RandomisedInside"/>):
    /// <see cref="CalibrationBin.MeanActual"/> holds the group's coverage and <see cref="CalibrationBin.MeanPredicted"/>
    /// its mean prediction.
    /// </summary>
    public static IReadOnlyList<CalibrationBin> CoverageByDecile(IReadOnlyList<double> predicted, IReadOnlyList<double> covered, int bins = 10) =>
        DecileCalibration(predicted, covered, bins);

    // Sum / count rather than Average(): no customers give NaN, as the other metrics do, not an exception.
    private static double Mean(double[] values) => values.Sum() / values.Length;
}
