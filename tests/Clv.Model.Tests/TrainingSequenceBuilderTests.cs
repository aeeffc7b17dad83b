using Clv.Model.Data;
using Clv.Model.Features;
using Clv.Training;

namespace Clv.Model.Tests;

public sealed class TrainingSequenceBuilderTests
{
    private static readonly DateTime Day0 = new(1997, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Build_LabelsEachCutoffWithTheEventsAfterItUpToCalibrationEnd()
    {
        var customer = new CustomerHistory("c", [
            new CustomerEvent(Day0, 10, false),
            new CustomerEvent(Day0.AddDays(20), 20, false),
            new CustomerEvent(Day0.AddDays(40), 30, false),
            new CustomerEvent(Day0.AddDays(60), 99, false),
        ]);
        var encoder = new FeatureEncoder(FeatureStatistics.Identity);

        var sequence = TrainingSequenceBuilder.Build(customer, Day0.AddDays(50), windowSize: 64, stepDays: 14, annualDiscountRate: 0.1, encoder)!;

        // Cutoffs at days 36, 22 and 8 (horizons 14, 28, 42); the day-60 event lies after calibration.
        Assert.Equal(
            [
                new TrainingExample(1, encoder.Recency(16), 14, false, 30, 30 * Math.Pow(1.1, -4 / 365.0)),
                new TrainingExample(1, encoder.Recency(2), 28, false, 30, 30 * Math.Pow(1.1, -18 / 365.0)),
                new TrainingExample(0, encoder.Recency(8), 42, false, 50, 20 * Math.Pow(1.1, -12 / 365.0) + 30 * Math.Pow(1.1, -32 / 365.0)),
            ],
            sequence.Examples);
        Assert.Equal(2, sequence.Steps);
    }

    [Fact]
    public void Build_NoPurchaseAfterTheCutoff_LabelsChurnedWithZeroSpend()
    {
        var customer = new CustomerHistory("c", [new CustomerEvent(Day0, 10, false), new CustomerEvent(Day0.AddDays(5), 4, IsRefund: true)]);

        var sequence = TrainingSequenceBuilder.Build(customer, Day0.AddDays(20), 64, 14, 0.1, new FeatureEncoder(FeatureStatistics.Identity))!;

        var example = Assert.Single(sequence.Examples);
        Assert.True(example.Churned, "a refund is not a purchase");
        Assert.Equal(0, example.Spend);
    }

    [Fact]
    public void Build_GivesTheHeadsTheShrunkOrderValuesAfterEachStep()
    {
        // Identity statistics carry the uninformative prior: mean 0, both variances 1, worth 1 order, so after
        // n orders the mean is shrunk by n / (n + 1) and the variance is (1 + Σ(v - v̄)²) / (1 + n - 1).
        var customer = new CustomerHistory("c", [
            new CustomerEvent(Day0, 10, false),
            new CustomerEvent(Day0.AddDays(3), 7, IsRefund: true),
            new CustomerEvent(Day0.AddDays(20), 20, false),
            new CustomerEvent(Day0.AddDays(60), 99, false),
        ]);

        var sequence = TrainingSequenceBuilder.Build(customer, Day0.AddDays(50), 64, 14, 0.1, new FeatureEncoder(FeatureStatistics.Identity))!;

        var (first, second) = (Math.Log(11), Math.Log(21));
        var mean = (first + second) / 2;
        var squares = ((first - mean) * (first - mean)) + ((second - mean) * (second - mean));
        double[] expected = [first / 2, 0, first / 2, 0, 2 * mean / 3, 0.5 * Math.Log((1 + squares) / 2)];
        Assert.Equal(3, sequence.Steps);
        Assert.Equal(expected.Length, sequence.OrderValueInputs.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], sequence.OrderValueInputs[i], 1e-6);
        }
    }
}
