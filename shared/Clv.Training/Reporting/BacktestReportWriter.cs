using System.Globalization;
using System.Text;
using Clv.Training.Backtesting;
using Clv.Training.Metrics;

namespace Clv.Training.Reporting;

/// <summary>Writes every backtest output into the output directory: predictions.csv, metrics.json, report.md and its PNG plots.</summary>
public static class BacktestReportWriter
{
    public const string ReportFile = "report.md";

    public static void WriteAll(BacktestResult result)
    {
        var directory = result.Options.OutputDirectory;
        Directory.CreateDirectory(directory);
        PredictionsCsvWriter.Write(Path.Combine(directory, PredictionsCsvWriter.FileName), result);
        MetricsJsonWriter.Write(Path.Combine(directory, MetricsJsonWriter.FileName), result);
        var plots = BacktestPlots.Write(directory, result);
        File.WriteAllText(Path.Combine(directory, ReportFile), Markdown(result, plots));
    }

    /// <summary>The side-by-side results table in Markdown (the same figures as metrics.json).</summary>
    public static string MetricsTable(BacktestResult result)
    {
        var table = new StringBuilder();
        table.AppendLine("| model | churn AUC | churn log loss | spend MAE | spend RMSE | Gini |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var forecast in result.Forecasts)
        {
            var m = forecast.Metrics;
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {forecast.Model} | {Format(m.ChurnAuc, "F3")} | {Format(m.ChurnLogLoss, "F3")} | {Format(m.SpendMae, "F2")} | {Format(m.SpendRmse, "F2")} | {Format(m.Gini, "F3")} |");
        }

        return table.ToString();
    }

    public static string Format(double value, string format) =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

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
        report.AppendLine(CultureInfo.InvariantCulture,
            $"{result.CustomerIds.Count:N0} customers bought in calibration; {churned:N0} ({100.0 * churned / Math.Max(1, result.CustomerIds.Count):F1}%) bought nothing in the holdout window; they spent {result.Outcomes.Sum(o => o.Spend):N2} in it. {result.EventsRead:N0} events read, {result.MalformedRows:N0} malformed rows skipped.");
        report.AppendLine();
        report.AppendLine("Labels: churned = no purchase in the holdout window; actual spend = sum of the window's purchase amounts. Every model was fitted on calibration events only; nothing was tuned on the holdout window. Log loss in nats; Gini = normalised Gini of predicted against actual window spend.");
        report.AppendLine();
        report.Append(MetricsTable(result));
        report.AppendLine();
        report.AppendLine("## Fitted parameters");
        report.AppendLine();
        var (r, alpha, a, b) = result.BgNbd;
        var (p, q, gamma) = result.GammaGamma;
        report.AppendLine(CultureInfo.InvariantCulture, $"- BG/NBD (time in weeks): r = {r:F4}, alpha = {alpha:F4}, a = {a:F4}, b = {b:F4}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Gamma-Gamma: p = {p:F4}, q = {q:F4}, gamma = {gamma:F4}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Gradient-boosted baseline: {result.GradientBoostedTrainingExamples:N0} training examples on the cutoff grid");
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

        report.AppendLine("## Plots");
        report.AppendLine();
        foreach (var plot in plots)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"![{Path.GetFileNameWithoutExtension(plot)}]({plot})");
            report.AppendLine();
        }

        return report.ToString();
    }
}
