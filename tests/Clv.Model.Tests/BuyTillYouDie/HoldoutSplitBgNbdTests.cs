using Clv.Contracts.Files;
using Clv.Model.Data;
using Clv.Model.Tests.Baselines;
using Clv.Training.Lifecycle;

namespace Clv.Model.Tests.BuyTillYouDie;

public sealed class HoldoutSplitBgNbdTests
{
    [Fact]
    public void BgNbdCandidateScoredThroughCustomerStates_MeasuresAsTheBatchBaselineOnTheSameSplit()
    {
        var histories = CustomerHistories.FromEvents(TransactionFileReader.Load(CdnowSampleData.SamplePath, TransactionFileFormat.Cdnow).Events);
        var split = HoldoutSplit.Create(histories, CdnowSampleData.CalibrationEnd, new DateOnly(1998, 6, 30));

        // The trainer's path: the fitted model as the scorer serves it, every customer's events folded into a state.
        var streamed = split.Evaluate(split.FitBgNbdGammaGamma("v1", 365, 0.10, seed: 1));
        // The backtest baseline's path: RfmSummary of each customer and BgNbdGammaGammaBaseline.Predict.
        var batch = split.EvaluateBgNbdGammaGamma();

        Assert.Equal(batch.ChurnAuc, streamed.ChurnAuc, 1e-12);
        Assert.Equal(batch.ChurnLogLoss, streamed.ChurnLogLoss, 1e-12);
        Assert.Equal(batch.SpendMae, streamed.SpendMae, 1e-9);
        Assert.Equal(batch.SpendRmse, streamed.SpendRmse, 1e-9);
        Assert.Equal(batch.Gini, streamed.Gini, 1e-12);
    }
}
