using Clv.Contracts.Alerts;
using Clv.Standalone.Monitoring;
using Microsoft.Extensions.Hosting;

namespace Clv.Standalone.Views;

/// <summary>
/// The view when standard output is not a terminal: one status line every few seconds, and each new
/// churn-risk episode among those most at risk on its own line (not every alert), so logs and pipes stay readable.
/// </summary>
public sealed class PlainConsoleView(PipelineMonitor monitor, TextWriter output) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly ThroughputGauge _scoreRate = new();
    private readonly HashSet<string> _episodesPrinted = new(StringComparer.Ordinal);
    private bool _firstUpdatePrinted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Print(monitor.Snapshot());
            }
        }
        catch (OperationCanceledException)
        {
            Print(monitor.Snapshot());
        }
    }

    private void Print(PipelineSnapshot s)
    {
        // Episodes, not single alerts: a line when one appears among those most at risk, not for every alert.
        foreach (var e in s.TopEpisodes.Where(e => _episodesPrinted.Add(e.EpisodeId)))
        {
            output.WriteLine($"episode {e.EpisodeId}: {e.Severity.ToString().ToLowerInvariant()}, CLV at risk {e.ClvAtRisk:N2}, churn {e.ChurnBefore:P0} -> {e.ChurnAfter:P0}, {e.Alerts} alert(s), last {e.LastAsOf:yyyy-MM-dd} ({e.LastTrigger.ToString().ToLowerInvariant()})");
        }

        if (s.FirstUpdate is { } first && !_firstUpdatePrinted)
        {
            output.WriteLine($"first update {first.TotalSeconds:F1} s after start");
            _firstUpdatePrinted = true;
        }

        var top = s.TopMovers.Count > 0 ? $", top mover {s.TopMovers[0].CustomerId} {s.TopMovers[0].Delta:+0.00;-0.00}" : "";
        output.WriteLine(
            $"[{s.Elapsed:hh\\:mm\\:ss}] {s.Stage}: replayed {s.EventsReplayed}/{s.EventsToReplay}, scored {s.EventsScored} " +
            $"({_scoreRate.Next(s.EventsScored, s.Elapsed):F0}/s), updates {s.UpdatesOut}, dead-lettered {s.DeadLettered}, " +
            $"alerts {s.Alerts} (episodes: {s.EpisodesBySeverity[AlertSeverity.High]} high, {s.EpisodesBySeverity[AlertSeverity.Medium]} medium, {s.EpisodesBySeverity[AlertSeverity.Low]} low), lag {s.ConsumerLag}, model {s.ModelVersion ?? "-"}{top}");
    }
}
