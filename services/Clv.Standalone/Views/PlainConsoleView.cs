using Clv.Standalone.Monitoring;
using Microsoft.Extensions.Hosting;

namespace Clv.Standalone.Views;

/// <summary>
/// The view when standard output is not a terminal: one status line every few seconds, and each new
/// churn alert on its own line, so logs and pipes stay readable.
/// </summary>
public sealed class PlainConsoleView(PipelineMonitor monitor, TextWriter output) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly ThroughputGauge _scoreRate = new();
    private long _alertsPrinted;
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
        // The snapshot lists the newest alerts first; print those not printed yet, oldest first.
        var fresh = (int)Math.Min(s.Alerts - _alertsPrinted, s.LatestAlerts.Count);
        for (var i = fresh - 1; i >= 0; i--)
        {
            var a = s.LatestAlerts[i];
            output.WriteLine($"alert {a.CustomerId} as of {a.AsOf:yyyy-MM-dd}: {a.Cause}, churn {a.ChurnBefore:P0} -> {a.ChurnAfter:P0}, CLV {a.Clv:N2}");
        }
        _alertsPrinted = s.Alerts;

        if (s.FirstUpdate is { } first && !_firstUpdatePrinted)
        {
            output.WriteLine($"first update {first.TotalSeconds:F1} s after start");
            _firstUpdatePrinted = true;
        }

        var top = s.TopMovers.Count > 0 ? $", top mover {s.TopMovers[0].CustomerId} {s.TopMovers[0].Delta:+0.00;-0.00}" : "";
        output.WriteLine(
            $"[{s.Elapsed:hh\\:mm\\:ss}] {s.Stage}: replayed {s.EventsReplayed}/{s.EventsToReplay}, scored {s.EventsScored} " +
            $"({_scoreRate.Next(s.EventsScored, s.Elapsed):F0}/s), updates {s.UpdatesOut}, dead-lettered {s.DeadLettered}, " +
            $"alerts {s.Alerts}, lag {s.ConsumerLag}, model {s.ModelVersion ?? "-"}{top}");
    }
}
