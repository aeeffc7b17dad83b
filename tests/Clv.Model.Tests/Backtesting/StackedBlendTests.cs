using Clv.Model.Stacking;
using Clv.Training.Backtesting;
using Clv.Training.Baselines;

namespace Clv.Model.Tests.Backtesting;

public class StackedBlendTests
{
    [Fact]
    public void Fit_SpendThatIsAnExactMixOfBothForecasts_RecoversTheMix()
    {
        double[] lstm = [1, 4, 2, 8, 0, 5];
        double[] bgNbd = [3, 1, 1, 2, 6, 0];
        var outcomes = lstm.Zip(bgNbd, (u, v) => new WindowOutcome(true, (0.25 * u) + (0.75 * v))).ToArray();

        var blend = StackedBlend.Fit(Predictions(lstm, 0.5), Predictions(bgNbd, 0.5), outcomes);

        Assert.Equal(0.25, blend.SpendLstmWeight, 1e-9);
        Assert.Equal(0.75, blend.SpendBgNbdWeight, 1e-9);
    }

    [Fact]
    public void Fit_WhenTheBestMixNeedsANegativeWeight_KeepsTheBetterSingleForecast()
    {
        // y = u - v needs b = -1; alone, u fits with a = Σuy/Σu² = 44/56 and a smaller residual than v.
        double[] lstm = [2, 4, 6];
        double[] bgNbd = [1, 1, 1];
        var outcomes = new[] { 1.0, 3, 5 }.Select(y => new WindowOutcome(true, y)).ToArray();

        var blend = StackedBlend.Fit(Predictions(lstm, 0.5), Predictions(bgNbd, 0.5), outcomes);

        Assert.Equal(44.0 / 56, blend.SpendLstmWeight, 1e-9);
        Assert.Equal(0, blend.SpendBgNbdWeight);
    }

    [Fact]
    public void Fit_ChurnDrawnFromALogisticModelOfBothLogits_RecoversItsCoefficients()
    {
        var random = new Random(3);
        const int customers = 40_000;
        var lstm = new ChurnSpendPrediction[customers];
        var bgNbd = new ChurnSpendPrediction[customers];
        var outcomes = new WindowOutcome[customers];
        for (var i = 0; i < customers; i++)
        {
            var (u, v) = ((random.NextDouble() * 6) - 3, (random.NextDouble() * 6) - 3);
            lstm[i] = new ChurnSpendPrediction(1 / (1 + Math.Exp(-u)), 0);
            bgNbd[i] = new ChurnSpendPrediction(1 / (1 + Math.Exp(-v)), 0);
            var churnProbability = 1 / (1 + Math.Exp(-(0.3 + (0.8 * u) + (0.4 * v))));
            outcomes[i] = new WindowOutcome(random.NextDouble() >= churnProbability, 0);
        }

        var blend = StackedBlend.Fit(lstm, bgNbd, outcomes);

        Assert.Equal(0.3, blend.ChurnIntercept, 0.06);
        Assert.Equal(0.8, blend.ChurnLstmWeight, 0.06);
        Assert.Equal(0.4, blend.ChurnBgNbdWeight, 0.06);
        var combined = blend.Combine(lstm[0], bgNbd[0]);
        var expected = 1 / (1 + Math.Exp(-(blend.ChurnIntercept + (blend.ChurnLstmWeight * Logit(lstm[0].ChurnProbability)) + (blend.ChurnBgNbdWeight * Logit(bgNbd[0].ChurnProbability)))));
        Assert.Equal(expected, combined.ChurnProbability, 1e-9);
    }

    [Theory]
    // P(no purchase) 0.30 and 0.05: the blend is 0 only where both are, 5%; P10 > 0, so [P10, P90] holds 80%.
    [InlineData(0.30, 0.05, 0.80)]
    // 0.60 and 0.20: zero mass 20%, P10 = 0 and [0, P90] holds 90%.
    [InlineData(0.60, 0.20, 0.90)]
    // 0.97 and 0.95: zero mass 95%, P90 = 0 too and the interval is the atom alone.
    [InlineData(0.97, 0.95, 0.95)]
    public void Combine_BlendsTheQuantilesLikeTheMean_AndClaimsTheComonotoneSumsProbability(double lstmChurn, double bgNbdChurn, double claimed)
    {
        var weights = new StackWeights(0, 1, 1, 0.25, 0.75);
        var lstm = new ChurnSpendPrediction(lstmChurn, 10, SpendP10: 2, SpendP90: 30);
        var bgNbd = new ChurnSpendPrediction(bgNbdChurn, 20, SpendP10: 4, SpendP90: 50);

        var combined = weights.Combine(lstm, bgNbd);

        Assert.Equal((0.25 * 2) + (0.75 * 4), combined.SpendP10, 1e-12);
        Assert.Equal((0.25 * 30) + (0.75 * 50), combined.SpendP90, 1e-12);
        Assert.Equal(claimed, combined.SpendIntervalProbability, 1e-12);
        Assert.Equal(Math.Min(lstmChurn, bgNbdChurn), combined.SpendZeroMass, 1e-12);
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static ChurnSpendPrediction[] Predictions(double[] spend, double churn) => spend.Select(s => new ChurnSpendPrediction(churn, s)).ToArray();
}
