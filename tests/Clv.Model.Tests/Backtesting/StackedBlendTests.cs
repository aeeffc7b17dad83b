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

    [Theory]
    // y = 2u - v lies on the line through both forecasts at t = 2, beyond u: of the mixes in [0, 1], u alone is closest.
    [InlineData(2.0, -1.0, 1.0)]
    // y = -u + 2v: t = -1, beyond v, so v alone.
    [InlineData(-1.0, 2.0, 0.0)]
    // y = u and y = v exactly.
    [InlineData(1.0, 0.0, 1.0)]
    [InlineData(0.0, 1.0, 0.0)]
    public void Fit_WhenOneForecastAloneIsTheBestMix_PutsTheWholeWeightOnIt(double uCoefficient, double vCoefficient, double expectedLstmWeight)
    {
        double[] lstm = [2, 4, 6, 1];
        double[] bgNbd = [1, 1, 5, 3];
        var outcomes = lstm.Zip(bgNbd, (u, v) => new WindowOutcome(true, (uCoefficient * u) + (vCoefficient * v))).ToArray();

        var blend = StackedBlend.Fit(Predictions(lstm, 0.5), Predictions(bgNbd, 0.5), outcomes);

        Assert.Equal(expectedLstmWeight, blend.SpendLstmWeight);
        Assert.Equal(1 - expectedLstmWeight, blend.SpendBgNbdWeight);
    }

    [Fact]
    public void Fit_SpendWeights_AreTheBestConvexMixOnAFineGrid()
    {
        var random = new Random(11);
        var lstm = Enumerable.Range(0, 500).Select(_ => random.NextDouble() * 80).ToArray();
        var bgNbd = lstm.Select(u => (0.5 * u) + (random.NextDouble() * 40)).ToArray();
        // Around 0.4 u + 0.6 v with noise of mean 0, floored at 0: an inner optimum, not one the data spell out exactly.
        var spend = lstm.Zip(bgNbd, (u, v) => Math.Max(0, (0.4 * u) + (0.6 * v) + ((random.NextDouble() - 0.5) * 40))).ToArray();

        var blend = StackedBlend.Fit(Predictions(lstm, 0.5), Predictions(bgNbd, 0.5), Outcomes(spend));

        var (gridBest, gridError) = BestConvexMixOnGrid(lstm, bgNbd, spend);
        Assert.InRange(gridBest, 0.2, 0.6);
        Assert.Equal(gridBest, blend.SpendLstmWeight, GridStep);
        Assert.Equal(1, blend.SpendLstmWeight + blend.SpendBgNbdWeight, 1e-12);
        Assert.True(SquaredError(lstm, bgNbd, spend, blend.SpendLstmWeight, blend.SpendBgNbdWeight) <= gridError * (1 + 1e-12));
    }

    [Fact]
    public void Fit_HeavyTailedWindowWhereAnUnconstrainedMixScalesUp_KeepsEverySpendBetweenTheComponents()
    {
        // 3% whales whose window holds Pareto orders (shape 1.1, from 500: infinite variance); the LSTM ranks them a little
        // higher than BG/NBD does, so unconstrained least squares would buy their huge orders by scaling the LSTM up.
        var random = new Random(5);
        const int customers = 3_000;
        var (lstm, bgNbd, spend) = (new double[customers], new double[customers], new double[customers]);
        for (var i = 0; i < customers; i++)
        {
            var whale = random.NextDouble() < 0.03;
            bgNbd[i] = whale ? 60 : 5 + (random.NextDouble() * 30);
            lstm[i] = whale ? 90 : bgNbd[i] * (0.6 + (random.NextDouble() * 0.8));
            var buys = random.NextDouble() < 0.3;
            spend[i] = !buys ? 0 : whale ? 500 / Math.Pow(1 - random.NextDouble(), 1 / 1.1) : bgNbd[i] * 2 * random.NextDouble();
        }

        var (unconstrainedLstm, unconstrainedBgNbd) = UnconstrainedLeastSquares(lstm, bgNbd, spend);
        Assert.True(unconstrainedLstm > 1.5, $"the data must make the unconstrained LSTM weight exceed 1 (it is {unconstrainedLstm:F3}, {unconstrainedBgNbd:F3})");

        var blend = StackedBlend.Fit(Predictions(lstm, 0.5), Predictions(bgNbd, 0.5), Outcomes(spend));

        Assert.Equal(BestConvexMixOnGrid(lstm, bgNbd, spend).T, blend.SpendLstmWeight, GridStep);
        for (var i = 0; i < customers; i++)
        {
            var blended = blend.Combine(new ChurnSpendPrediction(0.5, lstm[i]), new ChurnSpendPrediction(0.5, bgNbd[i])).ExpectedSpend;
            Assert.InRange(blended, Math.Min(lstm[i], bgNbd[i]) - 1e-9, Math.Max(lstm[i], bgNbd[i]) + 1e-9);
        }
    }

    [Fact]
    public void Fit_ForecastsThatNeverDiffer_SplitTheWeightEvenly()
    {
        double[] forecast = [3, 0, 7];

        var blend = StackedBlend.Fit(Predictions(forecast, 0.5), Predictions(forecast, 0.5), Outcomes([1, 2, 9]));

        Assert.Equal((0.5, 0.5), (blend.SpendLstmWeight, blend.SpendBgNbdWeight));
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
    }

    private const double GridStep = 1e-4;

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static WindowOutcome[] Outcomes(double[] spend) => spend.Select(y => new WindowOutcome(y == 0, y)).ToArray();

    private static double SquaredError(double[] u, double[] v, double[] y, double a, double b)
    {
        var sum = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var residual = y[i] - (a * u[i]) - (b * v[i]);
            sum += residual * residual;
        }

        return sum;
    }

    // Every t = k x 1e-4 in [0, 1], by brute force: the mix's definition, not the closed form the fit uses.
    private static (double T, double Error) BestConvexMixOnGrid(double[] u, double[] v, double[] y)
    {
        var best = (T: 0.0, Error: double.PositiveInfinity);
        for (var k = 0; k <= (int)Math.Round(1 / GridStep); k++)
        {
            var error = SquaredError(u, v, y, k * GridStep, 1 - (k * GridStep));
            best = error < best.Error ? (k * GridStep, error) : best;
        }

        return best;
    }

    // The 2x2 normal equations of min Σ (y - a u - b v)², a and b free: what the stack fitted before the convex constraint.
    private static (double A, double B) UnconstrainedLeastSquares(double[] u, double[] v, double[] y)
    {
        double Dot(double[] x, double[] z) => x.Zip(z, (xi, zi) => xi * zi).Sum();
        var (uu, vv, uv, uy, vy) = (Dot(u, u), Dot(v, v), Dot(u, v), Dot(u, y), Dot(v, y));
        var determinant = (uu * vv) - (uv * uv);
        return (((uy * vv) - (vy * uv)) / determinant, ((vy * uu) - (uy * uv)) / determinant);
    }

    private static ChurnSpendPrediction[] Predictions(double[] spend, double churn) => spend.Select(s => new ChurnSpendPrediction(churn, s)).ToArray();
}
