using Clv.Contracts.Alerts;

namespace Clv.Standalone.Monitoring;

/// <summary>What the console views show at one instant; counters are totals since start.</summary>
public sealed record PipelineSnapshot(
    TimeSpan Elapsed,
    string Stage,
    long EventsReplayed,
    long EventsToReplay,
    long UpdatesOut,
    long EventsScored,
    long DeadLettered,
    long Alerts,
    long ConsumerLag,
    string? ModelVersion,
    IReadOnlyList<ChurnAlert> LatestAlerts,
    IReadOnlyList<ClvMove> TopMovers);
