using Clv.Workers.Options;

namespace Clv.Workers.Scoring;

/// <summary>
/// When a consume loop runs its periodic work between batches (verifying its partitions' positions, then the
/// recency sweep): as soon as the loop starts, then <see cref="RecencyOptions.IntervalMs"/> after the previous run
/// ended. The loop asks between batches only, so a sweep never runs with a batch in hand. One per loop.
/// </summary>
public sealed class SweepSchedule(RecencyOptions options, TimeProvider clock)
{
    private long? _nextTimestamp;

    public bool IsDue => _nextTimestamp is not { } next || clock.GetTimestamp() >= next;

    /// <summary>The periodic work just ended: the next run is due one interval from now.</summary>
    public void Ran() => _nextTimestamp = clock.GetTimestamp() + (clock.TimestampFrequency * options.IntervalMs / 1000);
}
