using ScottPlot;

namespace Clv.Cli.Alerts;

/// <summary>Precision against alert volume (alerts per customer per year) for the policy and the two baselines.</summary>
public static class AlertEvaluationPlot
{
    public const string FileName = "alerts_precision_volume.png";

    public static string Write(string directory, AlertEvaluationResult result)
    {
        var plot = new Plot();
        foreach (var rule in new[] { AlertEvaluation.Policy, AlertEvaluation.Recency, AlertEvaluation.BgNbd })
        {
            var points = result.Curves.Where(c => c.Rule == rule && c.Alerts > 0).OrderBy(c => c.AlertsPerCustomerYear).ToArray();
            var line = plot.Add.Scatter(points.Select(p => p.AlertsPerCustomerYear).ToArray(), points.Select(p => p.Precision).ToArray());
            line.LegendText = rule;
            line.MarkerSize = 7;
            line.LineWidth = 2;
        }

        plot.Title($"Alert precision (no purchase in the next 90 days) against volume, {result.WindowStart:yyyy-MM-dd}..{result.WindowEnd:yyyy-MM-dd}");
        plot.XLabel("alerts per customer per year");
        plot.YLabel("precision");
        plot.ShowLegend();
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        plot.SavePng(path, 900, 600);
        return path;
    }
}
