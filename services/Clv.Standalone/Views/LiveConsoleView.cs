using Clv.Contracts.Alerts;
using Clv.Standalone.Monitoring;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Clv.Standalone.Views;

/// <summary>The terminal view: a Spectre.Console live display redrawn twice a second from the monitor's snapshot.</summary>
public sealed class LiveConsoleView(PipelineMonitor monitor, StandaloneInfrastructure infrastructure, RecentLog log) : BackgroundService
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(500);

    private readonly ThroughputGauge _replayRate = new();
    private readonly ThroughputGauge _scoreRate = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        AnsiConsole.Live(Render(monitor.Snapshot())).AutoClear(false).StartAsync(async context =>
        {
            using var timer = new PeriodicTimer(Frame);
            try
            {
                while (await timer.WaitForNextTickAsync(stoppingToken))
                {
                    context.UpdateTarget(Render(monitor.Snapshot()));
                }
            }
            catch (OperationCanceledException)
            {
                context.UpdateTarget(Render(monitor.Snapshot()));
            }
        });

    private IRenderable Render(PipelineSnapshot s)
    {
        var header = new Markup(
            $"[bold]Clv.Standalone[/]  {Markup.Escape(s.Stage)}  [grey]elapsed[/] {s.Elapsed:hh\\:mm\\:ss}  " +
            $"[grey]first update at[/] {(s.FirstUpdate is { } first ? $"{first.TotalSeconds:F1} s" : "-")}  " +
            $"[grey]model[/] [bold]{Markup.Escape(s.ModelVersion ?? "-")}[/]  [grey]on[/] {Markup.Escape(infrastructure.Description)}  [grey]Ctrl+C stops[/]");

        var pipeline = new Table().Border(TableBorder.Rounded).Title("pipeline")
            .AddColumn("").AddColumn(new TableColumn("total").RightAligned()).AddColumn(new TableColumn("per second").RightAligned());
        pipeline.AddRow("events replayed", $"{s.EventsReplayed:N0} / {s.EventsToReplay:N0}", $"{_replayRate.Next(s.EventsReplayed, s.Elapsed):N0}");
        pipeline.AddRow("events scored", $"{s.EventsScored:N0}", $"{_scoreRate.Next(s.EventsScored, s.Elapsed):N0}");
        pipeline.AddRow("updates out", $"{s.UpdatesOut:N0}", "");
        pipeline.AddRow("dead-lettered", $"{s.DeadLettered:N0}", "");
        pipeline.AddRow("churn alerts", $"{s.Alerts:N0}", "");
        pipeline.AddRow("consumer lag", $"{s.ConsumerLag:N0}", "");

        var alerts = new Table().Border(TableBorder.Rounded)
            .Title($"churn-risk episodes: [red]{s.EpisodesBySeverity[AlertSeverity.High]:N0} high[/], [yellow]{s.EpisodesBySeverity[AlertSeverity.Medium]:N0} medium[/], {s.EpisodesBySeverity[AlertSeverity.Low]:N0} low; most CLV at risk")
            .AddColumn("customer").AddColumn("severity").AddColumn(new TableColumn("CLV at risk").RightAligned())
            .AddColumn(new TableColumn("churn").RightAligned()).AddColumn(new TableColumn("alerts").RightAligned()).AddColumn("last");
        foreach (var episode in s.TopEpisodes)
        {
            var colour = episode.Severity switch { AlertSeverity.High => "red", AlertSeverity.Medium => "yellow", _ => "grey" };
            alerts.AddRow(Markup.Escape(episode.CustomerId), $"[{colour}]{episode.Severity.ToString().ToLowerInvariant()}[/]", $"{episode.ClvAtRisk:N2}",
                $"{episode.ChurnBefore:P0} -> [red]{episode.ChurnAfter:P0}[/]", $"{episode.Alerts}",
                $"{episode.LastAsOf:yyyy-MM-dd} {episode.LastTrigger.ToString().ToLowerInvariant()}");
        }

        var movers = new Table().Border(TableBorder.Rounded).Title("top CLV movers (latest changes)")
            .AddColumn("customer").AddColumn(new TableColumn("CLV before").RightAligned())
            .AddColumn(new TableColumn("after").RightAligned()).AddColumn(new TableColumn("change").RightAligned())
            .AddColumn(new TableColumn("churn").RightAligned());
        foreach (var move in s.TopMovers)
        {
            var colour = move.Delta >= 0 ? "green" : "red";
            movers.AddRow(Markup.Escape(move.CustomerId), $"{move.ClvBefore:N2}", $"{move.ClvAfter:N2}",
                $"[{colour}]{move.Delta:+0.00;-0.00}[/]", $"{move.ChurnProbability:P0}");
        }

        var logLines = new Rows(log.Lines().Select(line => new Text(line, new Style(Color.Grey))));
        return new Rows(header, pipeline, new Columns(alerts, movers), new Panel(logLines).Header("log").Expand());
    }
}
