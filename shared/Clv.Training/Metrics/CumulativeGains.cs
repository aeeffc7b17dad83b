namespace Clv.Training.Metrics;

/// <summary>
/// The cumulative-gains (Lorenz) curve of actual value with customers ranked by prediction,
/// highest first. Customers with tied predictions enter together as one straight segment, so the
/// curve does not depend on the input order.
/// </summary>
public sealed class CumulativeGains
{
    private CumulativeGains(IReadOnlyList<GainsPoint> points, double gini)
    {
        Points = points;
        Gini = gini;
    }

    /// <summary>From (0, 0) to (1, 1), one point per distinct prediction.</summary>
    public IReadOnlyList<GainsPoint> Points { get; }

    /// <summary>2 * (area under the curve) - 1: 0 for a random ranking, larger for better ones.</summary>
    public double Gini { get; }

    public static CumulativeGains Compute(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        ChurnMetrics.RequireSameLength(predicted.Count, actual.Count);
        var total = actual.Sum();
        var n = predicted.Count;
        if (n == 0 || total == 0)
        {
            return new CumulativeGains([new GainsPoint(0, 0)], 0);
        }

        var order = Enumerable.Range(0, n).OrderByDescending(i => predicted[i]).ToArray();
        var points = new List<GainsPoint> { new(0, 0) };
        double captured = 0, area = 0;
        var start = 0;
        while (start < n)
        {
            var end = start;
            captured += actual[order[start]];
            while (end + 1 < n && predicted[order[end + 1]] == predicted[order[start]])
            {
                end++;
                captured += actual[order[end]];
            }

            var previous = points[^1];
            var point = new GainsPoint((end + 1) / (double)n, captured / total);
            area += (point.PopulationShare - previous.PopulationShare) * (point.ValueShare + previous.ValueShare) / 2;
            points.Add(point);
            start = end + 1;
        }

        return new CumulativeGains(points, 2 * area - 1);
    }

    /// <summary>The curve read at <paramref name="steps"/> equal population shares (linear between points), for lift tables.</summary>
    public IReadOnlyList<GainsPoint> AtShares(int steps = 10)
    {
        var result = new List<GainsPoint>(steps);
        var segment = 1;
        for (var step = 1; step <= steps; step++)
        {
            var share = step / (double)steps;
            while (segment < Points.Count - 1 && Points[segment].PopulationShare < share)
            {
                segment++;
            }

            var (left, right) = (Points[segment - 1], Points[Math.Min(segment, Points.Count - 1)]);
            var width = right.PopulationShare - left.PopulationShare;
            var value = width <= 0 ? right.ValueShare : left.ValueShare + (share - left.PopulationShare) / width * (right.ValueShare - left.ValueShare);
            result.Add(new GainsPoint(share, value));
        }

        return result;
    }
}
