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
    public void Fit_ShrinkingMixWhoseFreeOptimumSumsBelowOne_IsReturnedUnchanged()
    {
        // Both forecasts too high: spend around 0.3 u + 0.4 v, so least squares shrinks both and the cap does not bind.
        var random = new Random(7);
        var lstm = Enumerable.Range(0, 400).Select(_ => random.NextDouble() * 60).ToArray();
        var bgNbd = lstm.Select(u => (0.3 * u) + (random.NextDouble() * 50)).ToArray();
        var spend = lstm.Zip(bgNbd, (u, v) => Math.Max(0, (0.3 * u) + (0.4 * v) + ((random.NextDouble() - 0.5) * 20))).ToArray();
        var (freeLstm, freeBgNbd) = UnconstrainedLeastSquares(lstm, bgNbd, spend);
        Assert.True(freeLstm > 0 && freeBgNbd > 0 && freeLstm + freeBgNbd < 0.9, $"the data must give a free optimum inside the triangle ({freeLstm:F3}, {freeBgNbd:F3})");

        var blend = StackedBlend.Fit(Predictions(lstm, 0.5), Predictions(bgNbd, 0.5), Outcomes(spend));

        Assert.Equal(freeLstm, blend.SpendLstmWeight, 1e-9);
        Assert.Equal(freeBgNbd, blend.SpendBgNbdWeight, 1e-9);
        AssertIsTheBestOnTheTriangleGrid(lstm, bgNbd, spend, blend);
    }

    [Fact]
    public void Fit_HeavyTailedWindowWhereTheFreeMixScalesUp_IsCappedAtASumOfOne()
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

        // Without the cap (a grid over w1, w2 in [0, 5] standing in for non-negative least squares) the weights sum above 1.
        var uncapped = BestOnGrid(lstm, bgNbd, spend, step: 0.01, extent: 5, maxSum: double.PositiveInfinity);
        Assert.True(uncapped.A + uncapped.B > 1.2 && uncapped.A < 5 && uncapped.B < 5, $"the data must make the uncapped weights sum above 1 ({uncapped.A}, {uncapped.B})");

        var blend = StackedBlend.Fit(Predictions(lstm, 0.5), Predictions(bgNbd, 0.5), Outcomes(spend));

        Assert.Equal(1, blend.SpendLstmWeight + blend.SpendBgNbdWeight, 1e-12);
        AssertIsTheBestOnTheTriangleGrid(lstm, bgNbd, spend, blend);
        for (var i = 0; i < customers; i++)
        {
            var blended = blend.Combine(new ChurnSpendPrediction(0.5, lstm[i]), new ChurnSpendPrediction(0.5, bgNbd[i])).ExpectedSpend;
            Assert.True(blended <= Math.Max(lstm[i], bgNbd[i]) + 1e-9, $"customer {i}: the stack's {blended} exceeds both {lstm[i]} and {bgNbd[i]}");
        }
    }

    [Theory]
    // y = 3u: the free optimum (3, 0) is beyond the cap; on the face w1 + w2 = 1 the parabola's minimum is past t = 1, so (1, 0).
    [InlineData(3.0, 0.0)]
    // y = 0.9u + 0.6v: free (0.9, 0.6), sum 1.5; the face's optimum lies inside the edge.
    [InlineData(0.9, 0.6)]
    // y = 0.2u + 0.5v: inside the triangle, returned as is.
    [InlineData(0.2, 0.5)]
    // y = 2u - v: the free optimum needs a negative weight; the non-negative one (u alone) is beyond the cap.
    [InlineData(2.0, -1.0)]
    public void Fit_SpendWeights_AreTheBestOnAFineGridOverTheFeasibleTriangle(double uCoefficient, double vCoefficient)
    {
        var random = new Random(11);
        var lstm = Enumerable.Range(0, 300).Select(_ => random.NextDouble() * 80).ToArray();
        var bgNbd = lstm.Select(u => (0.5 * u) + (random.NextDouble() * 40)).ToArray();
        var spend = lstm.Zip(bgNbd, (u, v) => Math.Max(0, (uCoefficient * u) + (vCoefficient * v) + ((random.NextDouble() - 0.5) * 10))).ToArray();

        var blend = StackedBlend.Fit(Predictions(lstm, 0.5), Predictions(bgNbd, 0.5), Outcomes(spend));

        AssertIsTheBestOnTheTriangleGrid(lstm, bgNbd, spend, blend);
    }

    [Fact]
    public void Fit_ForecastsThatNeverDifferAndMustScaleUp_SplitTheCapEvenly()
    {
        // y = 2 x the common forecast: any split of a sum-1 mix fits alike, and the fit says so with half each.
        double[] forecast = [3, 0, 7];

        var blend = StackedBlend.Fit(Predictions(forecast, 0.5), Predictions(forecast, 0.5), Outcomes([6, 0, 14]));

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
        Assert.Equal(Math.Min(lstmChurn, bgNbdChurn), combined.SpendZeroMass, 1e-12);
    }

    private const double TriangleGridStep = 1e-3;

    private static WindowOutcome[] Outcomes(double[] spend) => spend.Select(y => new WindowOutcome(y == 0, y)).ToArray();

    // The fit is feasible (w1, w2 >= 0, w1 + w2 <= 1), no point of a brute-force grid over that triangle fits better, and
    // the grid's best point is within a step or two of it.
    private static void AssertIsTheBestOnTheTriangleGrid(double[] u, double[] v, double[] y, StackWeights blend)
    {
        var (a, b) = (blend.SpendLstmWeight, blend.SpendBgNbdWeight);
        Assert.True(a >= 0 && b >= 0 && a + b <= 1 + 1e-12, $"({a}, {b}) is outside the triangle");
        var best = BestOnGrid(u, v, y, TriangleGridStep, extent: 1, maxSum: 1);
        var fitted = SquaredError(u, v, y)(a, b);
        Assert.True(fitted <= best.Error + (1e-12 * Dot(y, y)), $"the grid's ({best.A}, {best.B}) fits better than ({a}, {b}): {best.Error} < {fitted}");
        Assert.Equal(best.A, a, 2 * TriangleGridStep);
        Assert.Equal(best.B, b, 2 * TriangleGridStep);
    }

    // Every (i step, j step) with both at most extent and their sum at most maxSum, by brute force: the definition of the fit.
    private static (double A, double B, double Error) BestOnGrid(double[] u, double[] v, double[] y, double step, double extent, double maxSum)
    {
        var squaredError = SquaredError(u, v, y);
        var best = (A: 0.0, B: 0.0, Error: double.PositiveInfinity);
        var steps = (int)Math.Round(extent / step);
        for (var i = 0; i <= steps; i++)
        {
            for (var j = 0; j <= steps && (i + j) * step <= maxSum + 1e-12; j++)
            {
                var error = squaredError(i * step, j * step);
                best = error < best.Error ? (i * step, j * step, error) : best;
            }
        }

        return best;
    }

    // Σ (y - a u - b v)² expanded into sums taken once, so a grid of a few hundred thousand points stays cheap.
    private static Func<double, double, double> SquaredError(double[] u, double[] v, double[] y)
    {
        var (uu, vv, uv, uy, vy, yy) = (Dot(u, u), Dot(v, v), Dot(u, v), Dot(u, y), Dot(v, y), Dot(y, y));
        return (a, b) => yy - (2 * a * uy) - (2 * b * vy) + (a * a * uu) + (2 * a * b * uv) + (b * b * vv);
    }

    // The 2x2 normal equations of min Σ (y - a u - b v)², a and b free.
    private static (double A, double B) UnconstrainedLeastSquares(double[] u, double[] v, double[] y)
    {
        var (uu, vv, uv, uy, vy) = (Dot(u, u), Dot(v, v), Dot(u, v), Dot(u, y), Dot(v, y));
        var determinant = (uu * vv) - (uv * uv);
        return (((uy * vv) - (vy * uv)) / determinant, ((vy * uu) - (uy * uv)) / determinant);
    }

    private static double Dot(double[] x, double[] z) => x.Zip(z, (xi, zi) => xi * zi).Sum();

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static ChurnSpendPrediction[] Predictions(double[] spend, double churn) => spend.Select(s => new ChurnSpendPrediction(churn, s)).ToArray();
}
