namespace Clv.Training.Metrics;

/// <summary>Quality of churn probabilities against what happened (true = churned).</summary>
public static class ChurnMetrics
{
    /// <summary>Probabilities are clipped to [ε, 1-ε] so one confident miss gives a large but finite loss.</summary>
    public const double ProbabilityClip = 1e-15;

    /// <summary>
    /// Area under the ROC curve = P(score of a random churner &gt; score of a random non-churner),
    /// ties counting one half (Mann-Whitney U with average ranks).
    /// </summary>
    public static double Auc(IReadOnlyList<double> churnProbabilities, IReadOnlyList<bool> churned)
    {
        RequireSameLength(churnProbabilities.Count, churned.Count);
        var order = Enumerable.Range(0, churnProbabilities.Count).OrderBy(i => churnProbabilities[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && churnProbabilities[order[end + 1]] == churnProbabilities[order[start]])
            {
                end++;
            }

            // Ranks start..end (1-based start+1..end+1) share their average.
            var averageRank = (start + end + 2) / 2.0;
            for (var k = start; k <= end; k++)
            {
                if (churned[order[k]])
                {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }

            start = end + 1;
        }

        var negatives = order.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>Mean negative log-likelihood in nats: -mean(y ln p + (1-y) ln(1-p)).</summary>
    public static double LogLoss(IReadOnlyList<double> churnProbabilities, IReadOnlyList<bool> churned)
    {
        RequireSameLength(churnProbabilities.Count, churned.Count);
        var sum = 0.0;
        for (var i = 0; i < churned.Count; i++)
        {
            var p = Math.Clamp(churnProbabilities[i], ProbabilityClip, 1 - ProbabilityClip);
            sum -= churned[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        return sum / churned.Count;
    }

    internal static void RequireSameLength(int predictions, int actuals)
    {
        if (predictions != actuals)
        {
            throw new ArgumentException($"{predictions} predictions for {actuals} actual values.");
        }
    }
}
