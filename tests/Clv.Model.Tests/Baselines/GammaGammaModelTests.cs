using Clv.Training.Baselines;

namespace Clv.Model.Tests.Baselines;

public class GammaGammaModelTests
{
    [Fact]
    public void Fit_OnCdnowSampleRepeatCustomers_ReproducesPublishedParameters()
    {
        var summaries = CdnowSampleData.CalibrationSummaries();

        var fitted = GammaGammaModel.Fit(summaries).Parameters;

        Assert.Equal(946, summaries.Count(GammaGammaModel.IsUsableForFit));
        Assert.Equal(6.25, fitted.P, 6.25 * 0.01);
        Assert.Equal(3.74, fitted.Q, 3.74 * 0.01);
        Assert.Equal(15.44, fitted.Gamma, 15.44 * 0.01);
    }

    [Fact]
    public void ExpectedTransactionValue_WithoutRepeats_IsThePopulationMean()
    {
        var model = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));

        Assert.Equal(6.25 * 15.44 / 2.74, model.ExpectedTransactionValue(new RfmSummary(0, 0, 10, 0, 20)), 1e-12);
    }

    [Fact]
    public void ExpectedTransactionValue_ShrinksTheObservedMeanTowardsThePopulationMean()
    {
        var model = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));
        var populationMean = 6.25 * 15.44 / 2.74;

        var fewRepeats = model.ExpectedTransactionValue(new RfmSummary(1, 5, 10, 100, 0));
        var manyRepeats = model.ExpectedTransactionValue(new RfmSummary(50, 5, 10, 100, 0));

        Assert.InRange(fewRepeats, populationMean, 100);
        Assert.InRange(manyRepeats, fewRepeats, 100);
    }
}
