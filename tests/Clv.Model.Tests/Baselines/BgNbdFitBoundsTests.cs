using Clv.Contracts.Files;
using Clv.Model.Data;
using Clv.Training.Baselines;
using Clv.Training.Worlds;

namespace Clv.Model.Tests.Baselines;

/// <summary>
/// The hang: on data with (almost) no dropout the BG/NBD likelihood is maximal at a -> 0,
/// b -> infinity and an unbounded Nelder-Mead crawled along that ridge for minutes. The fit must end
/// quickly, say where it ended, and still recover the purchase process. The fits run alone (a
/// collection without parallelism), so the time-outs measure the fit, not the other tests' load.
/// </summary>
[Collection(nameof(BgNbdFitBoundsTests))]
public class BgNbdFitBoundsTests
{
    [Fact(Timeout = 10_000)]
    public async Task Fit_OnSimulatedDataWithoutDropout_FinishesAndRecoversThePurchaseRates()
    {
        var customers = BgNbdSimulation.Draw(5_000, r: 0.6, alpha: 4.0, a: null, b: null, seed: 7);

        var model = await Task.Run(() => BgNbdModel.Fit(customers));

        var (r, alpha, a, b) = model.Parameters;
        Assert.InRange(r, 0.6 * 0.85, 0.6 * 1.15);
        Assert.InRange(alpha, 4.0 * 0.8, 4.0 * 1.2);
        Assert.True(a / (a + b) < 0.01, $"mean dropout probability a/(a+b) = {a / (a + b)} should be about 0 on data without dropout");
        Assert.NotNull(model.Diagnostics);
        Assert.True(double.IsFinite(model.ExpectedTransactions(customers[0], 39)));
    }

    [Fact(Timeout = 10_000)]
    public async Task Fit_OnTheNoDropoutWorldsPseudoBacktest_ConvergesToTheNbdLimitWellWithinTheBudget()
    {
        // The stack's pseudo-backtest on the no-dropout world (seed 1, fit up to 1997-05-17): the four-parameter
        // simplex crawled along a -> 0, b -> infinity and stopped at its budget of 6,004 evaluations.
        var world = WorldCatalogue.Find("no-dropout")!;
        var path = Path.GetTempFileName();
        try
        {
            WorldGenerator.Generate(world, 3_000, seed: 1).WriteCsv(path);
            var cutoff = new DateOnly(1997, 5, 17);
            var customers = CustomerHistories.FromEvents(TransactionFileReader.Load(path, TransactionFileFormat.Csv).Events)
                .Select(h => RfmSummary.At(CustomerPurchaseDays.From(h), cutoff))
                .OfType<RfmSummary>()
                .ToArray();

            var model = await Task.Run(() => BgNbdModel.Fit(customers));

            var fit = model.Diagnostics!;
            Assert.True(fit.Converged, fit.Describe());
            Assert.InRange(fit.Evaluations, 1, NelderMead.DefaultBudget / 2);
            Assert.NotNull(fit.Limit);
            Assert.Contains("no dropout", fit.Describe(), StringComparison.Ordinal);
            Assert.Equal(2, fit.ParametersAtBound.Count);
            var (r, alpha, a, b) = model.Parameters;
            Assert.InRange(r, world.Purchases.R * 0.8, world.Purchases.R * 1.2);
            Assert.InRange(alpha, world.Purchases.Alpha * 0.75, world.Purchases.Alpha * 1.25);
            Assert.True(a / (a + b) < 1e-9);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact(Timeout = 10_000)]
    public async Task Fit_OnSimulatedDataWithDropout_RecoversAllFourParameters()
    {
        var customers = BgNbdSimulation.Draw(5_000, r: 0.25, alpha: 4.0, a: 0.8, b: 2.5, seed: 11);

        var model = await Task.Run(() => BgNbdModel.Fit(customers));

        var (r, alpha, a, b) = model.Parameters;
        Assert.InRange(r, 0.25 * 0.85, 0.25 * 1.15);
        Assert.InRange(alpha, 4.0 * 0.75, 4.0 * 1.25);
        Assert.InRange(a / (a + b), 0.8 / 3.3 * 0.7, 0.8 / 3.3 * 1.3);
        Assert.True(model.Diagnostics!.Converged, model.Diagnostics.Describe());
        Assert.Empty(model.Diagnostics.ParametersAtBound);
        Assert.Null(model.Diagnostics.Limit);
    }

    [Fact]
    public void MaximizeOverPositive_WithTheOptimumBeyondTheBox_StopsAtTheBoundAndSaysSo()
    {
        // ln L = -(ln θ₀ - ln 2)² + ln θ₁: the second parameter wants to grow without limit.
        var (parameters, diagnostics) = NelderMead.MaximizeOverPositive(
            p => -Math.Pow(Math.Log(p[0]) - Math.Log(2), 2) + Math.Log(p[1]), ["theta0", "theta1"]);

        Assert.Equal(2.0, parameters[0], 1e-3);
        Assert.Equal(Math.Exp(NelderMead.LogParameterBound), parameters[1], 1e-6 * parameters[1]);
        Assert.Single(diagnostics.ParametersAtBound);
        Assert.Contains("theta1", diagnostics.ParametersAtBound[0], StringComparison.Ordinal);
        Assert.Contains("boundary solution", diagnostics.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Minimize_WithATinyBudget_ReportsNonConvergenceAndKeepsTheBudget()
    {
        // Rosenbrock's valley needs hundreds of steps; 30 evaluations cannot converge.
        var result = NelderMead.Minimize(p => Math.Pow(1 - p[0], 2) + (100 * Math.Pow(p[1] - (p[0] * p[0]), 2)), [-1.2, 1.0], -10, 10, maxEvaluations: 30);

        Assert.False(result.Converged);
        // The budget is checked once per iteration, which spends at most 2 + n evaluations.
        Assert.InRange(result.Evaluations, 30, 30 + 2 + 2);
    }
}
