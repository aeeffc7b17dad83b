using System.Globalization;
using System.Text.Json;
using Clv.Training.Backtesting;
using Clv.Training.Reporting;
using Clv.Model.Tests.Baselines;

namespace Clv.Model.Tests.Backtesting;

public class BacktestRunnerTests(SampleBacktestFixture sample) : IClassFixture<SampleBacktestFixture>
{
    [Fact]
    public void Backtest_ScoresEveryCustomerWithACalibrationPurchase()
    {
        var expected = CdnowSampleData.CalibrationSummaries().Length;

        Assert.Equal(expected, sample.Result.CustomerIds.Count);
        Assert.Equal(expected, sample.Result.CustomerIds.Distinct().Count());
    }

    [Fact]
    public void PredictionsCsv_HasOneValidRowPerCustomerAndModel()
    {
        var lines = File.ReadAllLines(Path.Combine(sample.OutputDirectory, PredictionsCsvWriter.FileName));
        var rows = lines.Skip(1).Select(line => line.Split(',')).ToArray();

        Assert.Equal("customer_id,model,churn_probability,expected_spend,clv,spend_p10,spend_p90", lines[0]);
        Assert.Equal(sample.Result.CustomerIds.Count * sample.Result.Forecasts.Count, rows.Length);
        foreach (var model in sample.Result.Forecasts.Select(f => f.Model))
        {
            var ofModel = rows.Where(r => r[1] == model).ToArray();
            Assert.Equal(sample.Result.CustomerIds.OrderBy(id => id, StringComparer.Ordinal), ofModel.Select(r => r[0]).Order(StringComparer.Ordinal));
            // A task the model does not forecast is empty for every customer; otherwise every value is valid.
            var churnForecast = ofModel[0][2] != "";
            var spendForecast = ofModel[0][3] != "";
            var clvForecast = ofModel[0][4] != "";
            var intervals = ofModel[0][5] != "";
            Assert.True(churnForecast || spendForecast, $"{model} forecasts nothing");
            Assert.All(ofModel, r => Assert.InRange(churnForecast ? double.Parse(r[2], CultureInfo.InvariantCulture) : Blank(r[2]), 0.0, 1.0));
            Assert.All(ofModel, r => Assert.True((spendForecast ? double.Parse(r[3], CultureInfo.InvariantCulture) : Blank(r[3])) >= 0, $"invalid spend forecast '{r[3]}' for {r[0]} by {model}"));
            Assert.All(ofModel, r => Assert.True((clvForecast ? double.Parse(r[4], CultureInfo.InvariantCulture) : Blank(r[4])) >= 0, $"invalid CLV '{r[4]}' for {r[0]} by {model}"));
            Assert.All(ofModel, r =>
            {
                var (p10, p90) = intervals ? (double.Parse(r[5], CultureInfo.InvariantCulture), double.Parse(r[6], CultureInfo.InvariantCulture)) : (Blank(r[5]), Blank(r[6]));
                Assert.True(p10 >= 0 && p10 <= p90, $"invalid interval [{r[5]}, {r[6]}] for {r[0]} by {model}");
            });
            Assert.False(intervals && !spendForecast, $"{model} gives a spend interval without a spend forecast");
        }

        Assert.Equal(
            [ModelNames.MtlLstm, ModelNames.LstmSpendOnly, ModelNames.BgNbdGammaGamma, ModelNames.Stacked],
            sample.Result.Forecasts.Where(f => f.HasIntervals).Select(f => f.Model));
        Assert.Equal(
            [ModelNames.MtlLstm, ModelNames.BgNbdGammaGamma],
            sample.Result.Forecasts.Where(f => !double.IsNaN(f.Predictions[0].Clv)).Select(f => f.Model));
        Assert.Equal(
            [ModelNames.MtlLstm, ModelNames.BgNbdGammaGamma, ModelNames.Stacked, ModelNames.GradientBoosted],
            sample.Result.Forecasts.Where(f => !double.IsNaN(f.Metrics.ChurnAuc) && !double.IsNaN(f.Metrics.Gini)).Select(f => f.Model));
        Assert.NotNull(sample.Result.Stack);
    }

    // An empty field of a task not forecast parses to 0 so the range checks above pass only when it is really empty.
    private static double Blank(string field) => field == "" ? 0.0 : double.NaN;

    [Fact]
    public void MetricsJson_HasEveryModelWithMetricsInTheirValidRangesAndTheFittedParameters()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(sample.OutputDirectory, MetricsJsonWriter.FileName)));
        var models = json.RootElement.GetProperty("models");

        Assert.Equal(sample.Result.Forecasts.Select(f => f.Model), models.EnumerateObject().Select(m => m.Name));
        foreach (var model in models.EnumerateObject())
        {
            var metric = (string name) => model.Value.GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : (double?)null;
            if (metric("churn_auc") is { } auc)
            {
                Assert.InRange(auc, 0.5, 1.0);
                Assert.InRange(metric("churn_logloss")!.Value, 0.0, Math.Log(2));
            }

            if (metric("spend_mae") is { } mae)
            {
                Assert.InRange(mae, 0.0, double.MaxValue);
                Assert.InRange(metric("spend_rmse")!.Value, mae, double.MaxValue);
                Assert.InRange(metric("gini")!.Value, 0.0, 1.0);
            }

            Assert.True(metric("churn_auc") is not null || metric("spend_mae") is not null, $"{model.Name} has no metrics");
        }

        var bgNbd = json.RootElement.GetProperty("params").GetProperty("bgnbd");
        Assert.Equal(sample.Result.BgNbd.R, bgNbd.GetProperty("r").GetDouble());
        Assert.True(bgNbd.GetProperty("converged").GetBoolean());
        Assert.InRange(bgNbd.GetProperty("likelihood_evaluations").GetInt32(), 1, int.MaxValue);
        Assert.Equal(0, bgNbd.GetProperty("at_bound").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, bgNbd.GetProperty("limit").ValueKind);
        Assert.Equal(sample.Result.Forecasts.Single(f => f.Model == ModelNames.MtlLstm).Metrics.IntervalCoverage, models.GetProperty(ModelNames.MtlLstm).GetProperty("spend_interval_coverage").GetDouble());
        Assert.Equal(sample.Result.Forecasts.Single(f => f.Model == ModelNames.BgNbdGammaGamma).Metrics.IntervalCoverage, models.GetProperty(ModelNames.BgNbdGammaGamma).GetProperty("spend_interval_coverage").GetDouble());
        Assert.InRange(models.GetProperty(ModelNames.BgNbdGammaGamma).GetProperty("spend_interval_nominal").GetDouble(), 0.8, 1.0);
        Assert.Equal(JsonValueKind.Null, models.GetProperty(ModelNames.GradientBoosted).GetProperty("spend_interval_coverage").ValueKind);
        Assert.InRange(models.GetProperty(ModelNames.MtlLstm).GetProperty("spend_interval_nominal").GetDouble(), 0.8, 1.0);
        foreach (var forecast in sample.Result.Forecasts)
        {
            var randomised = models.GetProperty(forecast.Model).GetProperty("spend_interval_coverage_randomised");
            Assert.Equal(forecast.HasIntervals, randomised.ValueKind == JsonValueKind.Number);
            Assert.Equal(forecast.HasIntervals ? forecast.Metrics.RandomisedIntervalCoverage : (double?)null, randomised.ValueKind == JsonValueKind.Number ? randomised.GetDouble() : null);
        }

        Assert.Equal(sample.Result.GammaGamma.P, json.RootElement.GetProperty("params").GetProperty("gamma_gamma").GetProperty("p").GetDouble());
    }

    [Fact]
    public void IntervalForecasts_CarryTheSpendsZeroMass_ConsistentWithTheirQuantiles()
    {
        var forecasts = sample.Result.Forecasts.ToDictionary(f => f.Model);
        var (lstm, bgNbd, stack) = (forecasts[ModelNames.MtlLstm], forecasts[ModelNames.BgNbdGammaGamma], forecasts[ModelNames.Stacked]);
        var weights = sample.Result.Stack!;

        // The LSTM's spend shares the churn head's q(H); BG/NBD's window value has the exact P(no purchase) as its atom.
        Assert.Equal(lstm.ChurnProbabilities, lstm.SpendZeroMass);
        Assert.Equal(bgNbd.ChurnProbabilities, bgNbd.SpendZeroMass);
        // The stack's blend is 0 only where every component with a positive spend weight is 0.
        for (var i = 0; i < stack.SpendZeroMass.Length; i++)
        {
            var expected = Math.Min(weights.SpendLstmWeight > 0 ? lstm.ChurnProbabilities[i] : 1, weights.SpendBgNbdWeight > 0 ? bgNbd.ChurnProbabilities[i] : 1);
            Assert.Equal(expected, stack.SpendZeroMass[i], 1e-12);
        }

        // Every model with intervals: P10 = 0 exactly when the zero mass reaches 10%, P90 = 0 when it reaches 90%
        // (a margin of 1e-9 around the thresholds for rounding between the churn and spend heads).
        foreach (var forecast in sample.Result.Forecasts.Where(f => f.HasIntervals))
        {
            Assert.True(forecast.HasRandomisedCoverage, $"{forecast.Model} has intervals but no zero mass");
            for (var i = 0; i < forecast.SpendZeroMass.Length; i++)
            {
                var pi = forecast.SpendZeroMass[i];
                Assert.InRange(pi, 0.0, 1.0);
                Assert.True(Math.Abs(pi - 0.1) < 1e-9 || (forecast.SpendP10[i] == 0) == (pi > 0.1), $"{forecast.Model}: P10 {forecast.SpendP10[i]} with zero mass {pi}");
                Assert.True(Math.Abs(pi - 0.9) < 1e-9 || (forecast.SpendP90[i] == 0) == (pi > 0.9), $"{forecast.Model}: P90 {forecast.SpendP90[i]} with zero mass {pi}");
            }
        }

        Assert.False(forecasts[ModelNames.GradientBoosted].HasRandomisedCoverage);
    }

    [Fact]
    public void Report_ShowsTheTableAndEveryPlotItLinksExists()
    {
        var report = File.ReadAllText(Path.Combine(sample.OutputDirectory, BacktestReportWriter.ReportFile));
        var linked = report.Split('\n').Where(l => l.StartsWith("![", StringComparison.Ordinal)).Select(l => l[(l.IndexOf('(') + 1)..l.IndexOf(')')]).ToArray();

        Assert.Contains(BacktestReportWriter.MetricsTable(sample.Result), report);
        Assert.Contains($"BG/NBD refitted for the stack's pseudo-backtest inside calibration: the fit {sample.Result.PseudoBacktestBgNbdFit!.Describe()}", report, StringComparison.Ordinal);
        Assert.Contains(BacktestPlots.SpendCalibrationFile, linked);
        Assert.Contains(BacktestPlots.GainsFile, linked);
        Assert.Contains(BacktestPlots.ChurnReliabilityFile, linked);
        Assert.Contains(BacktestPlots.ChurnCaptureFile, linked);
        Assert.Contains(BacktestPlots.IntervalCoverageFile, linked);
        Assert.Contains("| randomised P10-P90 coverage |", report, StringComparison.Ordinal);
        Assert.All(
            sample.Result.Forecasts.Where(f => f.HasIntervals),
            f => Assert.Contains($"{f.Model}: randomised P10-P90 coverage per predicted-spend decile (lowest first): ", report, StringComparison.Ordinal));
        Assert.Contains(BacktestPlots.ChurnTrainingLossFile, linked);
        Assert.Contains(BacktestPlots.ChurnTrajectoryFile, linked);
        Assert.Contains(BacktestPlots.ClvTrajectoryFile, linked);
        Assert.Contains("the fit converged after", report, StringComparison.Ordinal);
        // The misreading: the holdout spend is the buyers', never the churners'.
        var buyers = sample.Result.Outcomes.Count(o => !o.Churned);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"the other {buyers:N0} spent {sample.Result.Outcomes.Sum(o => o.Spend):N2} in total"), report, StringComparison.Ordinal);
        Assert.DoesNotContain("they spent", report, StringComparison.Ordinal);
        Assert.All(linked, png => Assert.True(new FileInfo(Path.Combine(sample.OutputDirectory, png)).Length > 1000, $"{png} missing or empty"));
    }

    [Fact]
    public void Trajectories_OfTheThreeKinds_EndAtTheBacktestsOwnForecasts()
    {
        var trajectories = sample.Result.Trajectories!;
        var lstm = sample.Result.Forecasts.Single(f => f.Model == ModelNames.MtlLstm);
        var bgNbd = sample.Result.Forecasts.Single(f => f.Model == ModelNames.BgNbdGammaGamma);

        Assert.Equal(["regular", "lapsing", "one-off"], trajectories.Select(t => t.Kind));
        foreach (var trajectory in trajectories)
        {
            // Stepped event by event through every day, the last day must agree with the one-shot scoring of the backtest.
            var customer = sample.Result.CustomerIds.ToList().IndexOf(trajectory.CustomerId);
            var last = trajectory.Points[^1];
            Assert.Equal(CdnowSampleData.CalibrationEnd, last.Day);
            Assert.Equal(trajectory.PurchaseDays[0], trajectory.Points[0].Day);
            Assert.Equal(lstm.Predictions[customer].ChurnProbability, last.LstmChurn, 1e-6);
            Assert.Equal(lstm.Predictions[customer].Clv, last.LstmClv, 1e-6 * last.LstmClv);
            Assert.Equal(bgNbd.Predictions[customer].ChurnProbability, last.BgNbdChurn, 1e-12);
            Assert.Equal(bgNbd.Predictions[customer].Clv, last.BgNbdClv, 1e-9 * last.BgNbdClv);
        }

        Assert.Single(trajectories[2].PurchaseDays);
    }

    [Fact]
    public void Forecasts_DoNotDependOnAnythingAfterTheCalibrationEnd()
    {
        // The same file with every holdout row dropped must give the very same forecasts.
        var truncated = Path.Combine(sample.OutputDirectory, "calibration_only.txt");
        File.WriteAllLines(truncated, File.ReadLines(CdnowSampleData.SamplePath)
            .Where(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is { Length: 5 } fields && string.CompareOrdinal(fields[2], "19970930") <= 0));

        var calibrationOnly = BacktestRunner.Run(SampleBacktestFixture.Options(truncated, sample.OutputDirectory));

        Assert.Equal(sample.Result.CustomerIds, calibrationOnly.CustomerIds);
        Assert.All(calibrationOnly.Outcomes, o => Assert.True(o.Churned));
        foreach (var (full, blind) in sample.Result.Forecasts.Zip(calibrationOnly.Forecasts))
        {
            Assert.Equal(full.Predictions, blind.Predictions);
        }
    }
}
