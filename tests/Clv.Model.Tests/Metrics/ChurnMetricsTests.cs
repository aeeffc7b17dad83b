using Clv.Training.Metrics;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Clv.Model.Tests.Metrics;

public class ChurnMetricsTests
{
    [Fact]
    public void Auc_OfAHandWorkedCase_CountsCorrectlyOrderedPairs()
    {
        // Churners score 0.35 and 0.8, non-churners 0.1 and 0.4: 3 of 4 pairs ordered right.
        Assert.Equal(0.75, ChurnMetrics.Auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 1e-12);
    }

    [Fact]
    public void Auc_CountsTiedScoresAsHalf()
    {
        Assert.Equal(0.5, ChurnMetrics.Auc([0.5, 0.5, 0.5], [true, false, false]), 1e-12);
    }

    [Fact]
    public void LogLoss_OfAHandWorkedCase_IsMeanNegativeLogLikelihoodInNats()
    {
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.7)) / 2, ChurnMetrics.LogLoss([0.8, 0.3], [true, false]), 1e-12);
    }

    [Fact]
    public void LogLoss_OfACertainMiss_IsLargeButFinite()
    {
        var loss = ChurnMetrics.LogLoss([0.0], [true]);

        Assert.Equal(-Math.Log(ChurnMetrics.ProbabilityClip), loss, 1e-9);
    }

    [Fact]
    public void AucAndLogLoss_AgreeWithMicrosoftMlEvaluator()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 500).Select(_ =>
        {
            var probability = (float)random.NextDouble();
            return new ScoredRow { Label = random.NextDouble() < probability, Probability = probability, Score = probability, PredictedLabel = probability > 0.5f };
        }).ToArray();
        var context = new MLContext(seed: 1);
        var evaluated = context.BinaryClassification.Evaluate(context.Data.LoadFromEnumerable(rows));
        var probabilities = rows.Select(r => (double)r.Probability).ToArray();
        var labels = rows.Select(r => r.Label).ToArray();

        Assert.Equal(evaluated.AreaUnderRocCurve, ChurnMetrics.Auc(probabilities, labels), 1e-6);
        // Microsoft.ML reports log loss in bits; ours is in nats.
        Assert.Equal(evaluated.LogLoss * Math.Log(2), ChurnMetrics.LogLoss(probabilities, labels), 1e-4);
    }

    private sealed class ScoredRow
    {
        public bool Label { get; set; }

        public float Score { get; set; }

        public float Probability { get; set; }

        public bool PredictedLabel { get; set; }
    }
}
