using Clv.Model.BuyTillYouDie;
using Clv.Model.Data;
using Clv.Model.Stacking;
using Clv.Model.Tests.BuyTillYouDie;
using Clv.TestInfrastructure.Reference;
using Clv.Training.Baselines;

namespace Clv.Model.Tests.Stacking;

public sealed class StackedLstmBgNbdModelTests
{
    private const int Horizon = 273;
    private const int ClvHorizon = 365;

    // The batch baseline with the same published parameters as the stack's BG/NBD part.
    private static readonly BgNbdGammaGammaBaseline Baseline = BgNbdGammaGammaModelTests.Baseline;

    [Fact]
    public void Scores_AreTheBlendOfBothComponentsScoredSeparately_AfterEveryEvent()
    {
        var stack = StackedModels.Create();
        var (c0, c1, c2, w1, w2) = StackedModels.Weights;
        for (var seed = 0; seed < 20; seed++)
        {
            var events = TestEvents.Sequence(40, seed);
            var state = new CustomerState(stack.HiddenSize);
            for (var n = 1; n <= events.Length; n++)
            {
                state.Advance(stack, events[n - 1]);
                var asOf = events[n - 1].Time.AddDays(seed % 5 * 9);
                var lstm = CustomerState.ScoreSequence(stack.Lstm, events.AsSpan(0, n), asOf, Horizon, ClvHorizon);
                var bgNbd = CustomerState.ScoreSequence(stack.BgNbd, events.AsSpan(0, n), asOf, Horizon, ClvHorizon);

                var scores = state.Score(stack, asOf, Horizon, ClvHorizon);

                Assert.Equal(Sigmoid(c0 + (c1 * Logit(lstm.ChurnProbability)) + (c2 * Logit(bgNbd.ChurnProbability))), scores.ChurnProbability, 1e-12);
                Assert.Equal((w1 * lstm.ExpectedSpend) + (w2 * bgNbd.ExpectedSpend), scores.ExpectedSpend, 1e-9);
                Assert.Equal((w1 * lstm.SpendP10) + (w2 * bgNbd.SpendP10), scores.SpendP10, 1e-9);
                Assert.Equal((w1 * lstm.SpendP90) + (w2 * bgNbd.SpendP90), scores.SpendP90, 1e-9);
                Assert.Equal((w1 * lstm.Clv) + (w2 * bgNbd.Clv), scores.Clv, 1e-9);
                Assert.Equal((w1 * lstm.ClvP10) + (w2 * bgNbd.ClvP10), scores.ClvP10, 1e-9);
                Assert.Equal((w1 * lstm.ClvP90) + (w2 * bgNbd.ClvP90), scores.ClvP90, 1e-9);
            }
        }
    }

    [Fact]
    public void Scores_EqualTheBlendOfTheScalarReferenceLstmAndTheBatchBgNbdBaseline()
    {
        var stack = StackedModels.Create();
        var reference = new ReferenceModel(stack.Lstm);
        var (c0, c1, c2, w1, w2) = StackedModels.Weights;
        var compared = 0;
        for (var seed = 0; seed < 30; seed++)
        {
            var events = TestEvents.Sequence(1 + (seed % 12), seed + 100);
            var asOf = events[^1].Time.AddDays(seed % 4 * 20);
            if (RfmSummary.At(CustomerPurchaseDays.From(new CustomerHistory("c", events)), DateOnly.FromDateTime(asOf)) is not { } summary)
            {
                continue; // refunds only: no BG/NBD summary to compare with
            }

            var lstm = reference.Score(events, asOf, Horizon, ClvHorizon);
            var bgNbd = Baseline.Predict(summary, Horizon / 7.0);
            var bgNbdClv = Baseline.Clv(summary, ClvHorizon, stack.AnnualDiscountRate);

            var scores = CustomerState.ScoreSequence(stack, events, asOf, Horizon, ClvHorizon);

            Assert.Equal(Sigmoid(c0 + (c1 * Logit(lstm.Churn)) + (c2 * Logit(bgNbd.ChurnProbability))), scores.ChurnProbability, 1e-5);
            Assert.Equal((w1 * lstm.Spend.Mean) + (w2 * bgNbd.ExpectedSpend), scores.ExpectedSpend, ReferenceAgreement.Tolerance * scores.ExpectedSpend);
            Assert.Equal((w1 * lstm.Clv.Mean) + (w2 * bgNbdClv), scores.Clv, ReferenceAgreement.Tolerance * scores.Clv);
            compared++;
        }

        Assert.True(compared >= 20, $"only {compared} sequences had a purchase");
    }

    [Fact]
    public void Advance_IsOneLstmStepPlusThePurchaseDayUpdate()
    {
        var stack = StackedModels.Create();
        var events = TestEvents.Sequence(30, seed: 4);
        var stacked = new CustomerState(stack.HiddenSize);
        var lstmOnly = new CustomerState(stack.Lstm.HiddenSize);
        foreach (var e in events)
        {
            stacked.Advance(stack, e);
            lstmOnly.Advance(stack.Lstm, e);
        }

        Assert.Equal(lstmOnly.Hidden, stacked.Hidden);
        Assert.Equal(lstmOnly.Cell, stacked.Cell);
        Assert.Equal(lstmOnly.PurchaseDays, stacked.PurchaseDays);
        Assert.Equal((stack.Lstm.WindowSize, stack.Lstm.HiddenSize), (stack.WindowSize, stack.HiddenSize));
    }

    [Fact]
    public void Advance_AndScore_AllocateNothing()
    {
        var stack = StackedModels.Create();
        var events = TestEvents.Sequence(64, seed: 5);
        var state = new CustomerState(stack.HiddenSize);
        state.Advance(stack, events[0]);
        _ = state.Score(stack, events[0].Time, Horizon, ClvHorizon);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i < events.Length; i++)
        {
            state.Advance(stack, events[i]);
            _ = state.Score(stack, events[i].Time.AddDays(3), Horizon, ClvHorizon);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(double.NaN, 0.7, 0.5, "churn intercept = NaN is not finite")]
    [InlineData(0.1, double.PositiveInfinity, 0.5, "churn LSTM weight")]
    [InlineData(0.1, 0.7, -0.01, "must not be negative")]
    public void Constructor_WeightsNoFitProduces_AreRefused(double intercept, double churnLstm, double spendBgNbd, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => StackedModels.Create(new StackWeights(intercept, churnLstm, 0.4, 0.5, spendBgNbd)));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Constructor_ComponentsThatDisagree_AreRefused()
    {
        var stack = StackedModels.Create();
        var published = BgNbdGammaGammaModelTests.Published;
        var otherVersion = new BgNbdGammaGammaModel("other", published, Horizon, ClvHorizon, 0.10, TrainingMetadata.Untrained);
        var otherHorizon = new BgNbdGammaGammaModel(stack.Version, published, 90, ClvHorizon, 0.10, TrainingMetadata.Untrained);

        Assert.Contains("different versions", Assert.Throws<ArgumentException>(() => new StackedLstmBgNbdModel(stack.Lstm, otherVersion, stack.Weights)).Message);
        Assert.Contains("disagree on horizon", Assert.Throws<ArgumentException>(() => new StackedLstmBgNbdModel(stack.Lstm, otherHorizon, stack.Weights)).Message);
    }

    private static double Logit(double p)
    {
        var clipped = Math.Clamp(p, 1e-6, 1 - 1e-6);
        return Math.Log(clipped / (1 - clipped));
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
