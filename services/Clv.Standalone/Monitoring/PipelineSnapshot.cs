using Clv.Contracts.Alerts;

namespace Clv.Standalone.Monitoring;

/// <summary>
/// What the console views show at one instant; counters are totals and times are since the process started.
/// Alerts are shown as episodes (one per customer's slide toward churn), counted by severity, the ones with the most
/// CLV at risk first.
/// </summary>
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
    IReadOnlyDictionary<AlertSeverity, int> EpisodesBySeverity,
    IReadOnlyList<AlertEpisode> TopEpisodes,
    IReadOnlyList<ClvMove> TopMovers);
