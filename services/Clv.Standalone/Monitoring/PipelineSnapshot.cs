using Clv.Contracts.Alerts;

namespace Clv.Standalone.Monitoring;

/// <summary>What the console views show at one instant; counters are totals and times are since the process started.</summary>
public sealed record PipelineSnapshot(
    TimeSpan Elapsed,
    TimeSpan? FirstUpdate,
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
