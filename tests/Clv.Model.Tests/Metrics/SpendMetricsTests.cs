using Clv.Training.Metrics;

namespace Clv.Model.Tests.Metrics;

public class SpendMetricsTests
{
    [Fact]
    public void MaeAndRmse_OfAHandWorkedCase()
    {
        double[] predicted = [1, 2, 3];
        double[] actual = [2, 2, 5];

        Assert.Equal(1.0, SpendMetrics.MeanAbsoluteError(predicted, actual), 1e-12);
        Assert.Equal(Math.Sqrt(5.0 / 3), SpendMetrics.RootMeanSquaredError(predicted, actual), 1e-12);
    }

    [Fact]
    public void NormalizedGini_OfAHandWorkedCase_IsRatioToThePerfectRanking()
    {
        // By prediction: 10, 30, 0 -> area (0.25 + 1.25 + 2) / 6; perfect 30, 10, 0 -> (0.75 + 1.75 + 2) / 6.
        var gini = SpendMetrics.NormalizedGini([3, 2, 1], [10, 30, 0]);

        Assert.Equal((2 * 3.5 / 6 - 1) / (2 * 4.5 / 6 - 1), gini, 1e-12);
    }

    [Fact]
    public void NormalizedGini_IsOneForThePerfectOrderAndMinusOneForTheReverse()
    {
        double[] actual = [0, 10, 30, 5];

        Assert.Equal(1.0, SpendMetrics.NormalizedGini([0, 2, 3, 1], actual), 1e-12);
        Assert.Equal(-1.0, SpendMetrics.NormalizedGini([3, 1, 0, 2], actual), 1e-12);
    }

    [Fact]
    public void NormalizedGini_OfAConstantPrediction_IsZeroWhateverTheInputOrder()
    {
        Assert.Equal(0.0, SpendMetrics.NormalizedGini([7, 7, 7, 7], [0, 10, 30, 5]), 1e-12);
    }

    [Fact]
    public void DecileCalibration_GroupsByPredictionAndAveragesEachGroup()
    {
        var bins = SpendMetrics.DecileCalibration([4, 1, 3, 2, 5], [40, 10, 30, 20, 50], bins: 2);

        Assert.Equal(
            [new CalibrationBin(1, 3, 2.0, 20.0), new CalibrationBin(2, 2, 4.5, 45.0)],
            bins);
    }

    [Fact]
    public void GainsAtShares_ReadsTheCurveBetweenPoints()
    {
        // Ranked: 30 (0.75 of the value at a quarter of the customers), 10, 0, 0.
        var gains = CumulativeGains.Compute([4, 3, 2, 1], [30, 10, 0, 0]).AtShares(2);

        Assert.Equal([new GainsPoint(0.5, 1.0), new GainsPoint(1.0, 1.0)], gains);
        Assert.Equal(2.0, gains[0].Lift, 1e-12);
        Assert.Equal(0.75 / 0.25, CumulativeGains.Compute([4, 3, 2, 1], [30, 10, 0, 0]).AtShares(4)[0].Lift, 1e-12);
    }

    [Fact]
    public void IntervalCoverage_CountsBothEndsAsInside()
    {
        // 0 in [0, 5], 5 in [1, 5], 6 outside [1, 5], 0.5 outside [1, 5]: 2 of 4.
        Assert.Equal(0.5, SpendMetrics.IntervalCoverage([0, 1, 1, 1], [5, 5, 5, 5], [0, 5, 6, 0.5]), 1e-12);
    }

    [Fact]
    public void CoverageByDecile_GroupsByPredictionAndGivesTheShareInsidePerGroup()
    {
        // Sorted by prediction: the low half (predicted 1, 2) both inside, the high half (3, 4) one inside.
        var bins = SpendMetrics.CoverageByDecile([4, 1, 3, 2], SpendMetrics.Inside([0, 0, 0, 0], [10, 10, 10, 10], [11, 3, 2, 9]), bins: 2);

        Assert.Equal([1.0, 0.5], bins.Select(b => b.MeanActual));
        Assert.Equal([1.5, 3.5], bins.Select(b => b.MeanPredicted));
    }
}
