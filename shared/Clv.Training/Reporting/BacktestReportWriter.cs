using System.Globalization;
using System.Text;
using Clv.Training.Backtesting;
using Clv.Training.Metrics;

namespace Clv.Training.Reporting;

/// <summary>Writes every backtest output into the output directory: predictions.csv, metrics.json, report.md and its PNG plots.</summary>
public static class BacktestReportWriter
{
    public const string ReportFile = "report.md";

    /// <summary>Writes every output and returns the names of the files written, in the order written.</summary>
    public static IReadOnlyList<string> WriteAll(BacktestResult result)
    {
        var directory = result.Options.OutputDirectory;
        Directory.CreateDirectory(directory);
        PredictionsCsvWriter.Write(Path.Combine(directory, PredictionsCsvWriter.FileName), result);
        MetricsJsonWriter.Write(Path.Combine(directory, MetricsJsonWriter.FileName), result);
        var plots = BacktestPlots.Write(directory, result);
        File.WriteAllText(Path.Combine(directory, ReportFile), Markdown(result, plots));
        return [PredictionsCsvWriter.FileName, MetricsJsonWriter.FileName, .. plots, ReportFile];
    }

    /// <summary>The side-by-side results table in Markdown (the same figures as metrics.json).</summary>
    public static string MetricsTable(BacktestResult result)
    {
        var table = new StringBuilder();
        table.AppendLine("| model | churn AUC | churn log loss | spend MAE | spend RMSE | Gini | P10-P90 coverage | model's own P(in P10-P90) | randomised P10-P90 coverage |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var forecast in result.Forecasts)
        {
            var m = forecast.Metrics;
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {forecast.Model} | {Format(m.ChurnAuc, "F3")} | {Format(m.ChurnLogLoss, "F3")} | {Format(m.SpendMae, "F2")} | {Format(m.SpendRmse, "F2")} | {Format(m.Gini, "F3")} | {Percent(m.IntervalCoverage)} | {Percent(m.NominalIntervalCoverage)} | {Percent(m.RandomisedIntervalCoverage)} |");
        }

        return table.ToString();
    }

    public static string Format(double value, string format) =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with one decimal, "n/a" for NaN.</summary>
    public static string Percent(double share) => double.IsNaN(share) ? "n/a" : Format(100 * share, "F1") + "%";

    private static string Markdown(BacktestResult result, IReadOnlyList<string> plots)
    {
        var options = result.Options;
        var churned = result.Outcomes.Count(o => o.Churned);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# Backtest: {Path.GetFileName(options.TransactionsPath)}");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Calibration: events up to {options.CalibrationEnd:yyyy-MM-dd}. Holdout window: ({options.CalibrationEnd:yyyy-MM-dd}, {options.HoldoutEnd:yyyy-MM-dd}] ({options.HoldoutDays} days). Seed {options.Seed}.");
        report.AppendLine();
        var buyers = result.Outcomes.Count(o => !o.Churned);
        report.AppendLine(CultureInfo.InvariantCulture,
            $"{result.CustomerIds.Count:N0} customers bought in calibration. In the holdout window {churned:N0} of them ({100.0 * churned / Math.Max(1, result.CustomerIds.Count):F1}%) bought nothing; the other {buyers:N0} spent {result.Outcomes.Sum(o => o.Spend):N2} in total. {result.EventsRead:N0} events read, {result.MalformedRows:N0} malformed rows skipped.");
        report.AppendLine();
        report.AppendLine("Labels: churned = no purchase in the holdout window; actual spend = sum of the window's purchase amounts. Every model was fitted on calibration events only; nothing was tuned on the holdout window. Log loss in nats; Gini = normalised Gini of predicted against actual window spend; P10-P90 coverage = share of customers whose window spend lies within the model's [P10, P90] (n/a for a model without intervals), to be read against the model's own probability of that interval: 80% for a continuous forecast, but 90% for a customer whose P(no purchase) is at least 10%, since then P10 = 0 and the interval [0, P90] also holds the atom at zero. Randomised P10-P90 coverage = the same count with a zero outcome counted as the chance that a PIT drawn uniformly on [0, P(no purchase)] falls in [0.1, 0.9] (Czado, Gneiting & Held 2009): 80% in expectation for a calibrated model, whatever its zero mass, so read it against the 80% target.");
        report.AppendLine();
        report.Append(MetricsTable(result));
        report.AppendLine();
        report.AppendLine("## Fitted parameters");
        report.AppendLine();
        var (r, alpha, a, b) = result.BgNbd;
        var (p, q, gamma) = result.GammaGamma;
        report.AppendLine(CultureInfo.InvariantCulture, $"- BG/NBD (time in weeks): r = {r:G5}, alpha = {alpha:G5}, a = {a:G5}, b = {b:G5}; the fit {result.BgNbdFit.Describe()}");
        if (result.PseudoBacktestBgNbdFit is { } pseudoFit)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"- BG/NBD refitted for the stack's pseudo-backtest inside calibration: the fit {pseudoFit.Describe()}");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"- Gamma-Gamma: p = {p:G5}, q = {q:G5}, gamma = {gamma:G5}; the fit {result.GammaGammaFit.Describe()}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Gradient-boosted baseline: {result.GradientBoostedTrainingExamples:N0} training examples on the cutoff grid");
        if (result.Stack is { } stack)
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"- Stack (weights from a pseudo-backtest inside calibration): churn logit = {stack.ChurnIntercept:F3} + {stack.ChurnLstmWeight:F3} x MTL-LSTM logit + {stack.ChurnBgNbdWeight:F3} x BG/NBD logit; spend = {stack.SpendLstmWeight:F3} x MTL-LSTM + {stack.SpendBgNbdWeight:F3} x BG/NBD + Gamma-Gamma");
        }
        report.AppendLine();
        report.AppendLine("## Spend calibration by predicted-spend decile");
        report.AppendLine();
        foreach (var forecast in result.Forecasts.Where(f => !double.IsNaN(f.Metrics.SpendMae)))
        {
            var bins = SpendMetrics.DecileCalibration(forecast.ExpectedSpend, result.Outcomes.Select(o => o.Spend).ToArray());
            var pairs = string.Join(", ", bins.Select(bin => FormattableString.Invariant($"{bin.MeanPredicted:F1}/{bin.MeanActual:F1}")));
            report.AppendLine(CultureInfo.InvariantCulture, $"{forecast.Model}: mean predicted / mean actual per decile (lowest first): {pairs}");
            report.AppendLine();
        }

        var actual = result.Outcomes.Select(o => o.Spend).ToArray();
        foreach (var forecast in result.Forecasts.Where(f => f.HasIntervals))
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"{forecast.Model}: share of customers within [P10, P90] per predicted-spend decile (lowest first): {Deciles(forecast, SpendMetrics.Inside(forecast.SpendP10, forecast.SpendP90, actual))}");
            report.AppendLine();
            if (forecast.HasRandomisedCoverage)
            {
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"{forecast.Model}: randomised P10-P90 coverage per predicted-spend decile (lowest first): {Deciles(forecast, SpendMetrics.RandomisedInside(forecast.SpendZeroMass, forecast.SpendP10, forecast.SpendP90, actual))}");
                report.AppendLine();
            }
        }

        report.AppendLine("## Plots");
        report.AppendLine();
        foreach (var plot in plots)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"![{Path.GetFileNameWithoutExtension(plot)}]({plot})");
            report.AppendLine();
        }

        return report.ToString();
    }

    private static string Deciles(ModelForecast forecast, double[] covered) =>
        string.Join(", ", SpendMetrics.CoverageByDecile(forecast.ExpectedSpend, covered).Select(bin => Percent(bin.MeanActual)));
}
