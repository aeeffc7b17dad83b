using System.Globalization;
using System.Text;
using Clv.Training.Reporting;

namespace Clv.Training.Worlds;

/// <summary>Writes <c>worlds.md</c>: what each world is and every model's holdout metrics on it, one table per world.</summary>
public static class WorldSummaryWriter
{
    public const string FileName = "worlds.md";

    /// <summary>Writes the summary into <paramref name="outputDirectory"/> and returns its path.</summary>
    public static string Write(string outputDirectory, IReadOnlyList<WorldRun> runs, int seed)
    {
        var summary = new StringBuilder();
        summary.AppendLine("# Generated worlds: holdout metrics of every model");
        summary.AppendLine();
        summary.AppendLine(CultureInfo.InvariantCulture,
            $"Seed {seed}; every world is one acquisition cohort, calibration to {runs[0].World.CalibrationEnd:yyyy-MM-dd}, holdout to {runs[0].World.HoldoutEnd:yyyy-MM-dd}. " +
            $"{WorldOracle.ModelName} is BG/NBD + Gamma-Gamma with the generating parameters, where the world has them.");
        foreach (var run in runs)
        {
            var churned = run.Result.Outcomes.Count(o => o.Churned);
            summary.AppendLine();
            summary.AppendLine(CultureInfo.InvariantCulture, $"## {run.World.Name}");
            summary.AppendLine();
            summary.AppendLine(CultureInfo.InvariantCulture,
                $"{run.World.Description}. {run.Customers:N0} customers drawn, {run.Result.CustomerIds.Count:N0} scored, {churned:N0} bought nothing in the holdout; {run.Elapsed.TotalSeconds:F0} s.");
            summary.AppendLine();
            summary.Append(BacktestReportWriter.MetricsTable(run.Result));
        }

        var path = Path.Combine(outputDirectory, FileName);
        File.WriteAllText(path, summary.ToString());
        return path;
    }
}
