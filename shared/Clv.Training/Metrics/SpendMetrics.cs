namespace Clv.Training.Metrics;

/// <summary>Quality of predicted spend against actual spend.</summary>
public static class SpendMetrics
{
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
    public static double IntervalCoverage(IReadOnlyList<double> lower, IReadOnlyList<double> upper, IReadOnlyList<double> actual)
    {
        ChurnMetrics.RequireSameLength(lower.Count, actual.Count);
        ChurnMetrics.RequireSameLength(upper.Count, actual.Count);
        var inside = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            if (actual[i] >= lower[i] && actual[i] <= upper[i])
            {
                inside++;
            }
        }

        return (double)inside / actual.Count;
    }

    /// <summary>
    /// Interval coverage per group of customers sorted by <paramref name="predicted"/> (the groups of
    /// <see cref="DecileCalibration"/>): <see cref="CalibrationBin.MeanActual"/> holds the share inside
    /// [lower, upper] and <see cref="CalibrationBin.MeanPredicted"/> the group's mean prediction.
    /// </summary>
    public static IReadOnlyList<CalibrationBin> CoverageByDecile(IReadOnlyList<double> predicted, IReadOnlyList<double> lower, IReadOnlyList<double> upper, IReadOnlyList<double> actual, int bins = 10)
    {
        ChurnMetrics.RequireSameLength(predicted.Count, actual.Count);
        var inside = actual.Select((y, i) => y >= lower[i] && y <= upper[i] ? 1.0 : 0.0).ToArray();
        return DecileCalibration(predicted, inside, bins);
    }
}
