using System.Collections.Concurrent;
using Clv.Workers.Options;

namespace Clv.Workers.Scoring;

/// <summary>
/// The event-time clock of each partition, the recency sweeper's "now" for that partition's customers: the
/// largest event time applied from the partition, minus the allowed out-of-orderness. An event further ahead of
/// the partition's largest time than <see cref="RecencyOptions.MaxAheadHours"/> (a clock-skewed producer, an event
/// dated today inside a historical replay) is held: it cannot move "now" for the partition's other customers.
/// Only <see cref="RecencyOptions.AheadConfirmations"/> held events in a row move the clock, to the earliest of
/// them (time really jumped, e.g. after a long outage). Every decision depends only on the partition's own event
/// sequence, never on replay speed or on when the sweeper runs.
/// </summary>
public sealed class EventTimeWatermark(RecencyOptions options)
{
    private readonly ConcurrentDictionary<int, PartitionClock> _partitions = new();
    private readonly long _lateMs = (long)(options.MaxOutOfOrderMinutes * 60_000);
    private readonly long _aheadMs = (long)(options.MaxAheadHours * 3_600_000);
    private long _held;

    /// <summary>Events held so far (not allowed to move their partition's clock).</summary>
    public long HeldEvents => Interlocked.Read(ref _held);

    public void Observe(int partition, long eventMs)
    {
        var clock = _partitions.GetOrAdd(partition, static _ => new PartitionClock());
        lock (clock)
        {
            if (clock.MaxMs == long.MinValue || eventMs <= clock.MaxMs)
            {
                clock.MaxMs = Math.Max(clock.MaxMs, eventMs);
                clock.HeldInARow = 0;
                return;
            }

            if (eventMs - clock.MaxMs <= _aheadMs)
            {
                clock.MaxMs = eventMs;
                clock.HeldInARow = 0;
                return;
            }

            Interlocked.Increment(ref _held);
            clock.EarliestHeldMs = clock.HeldInARow == 0 ? eventMs : Math.Min(clock.EarliestHeldMs, eventMs);
            if (++clock.HeldInARow >= options.AheadConfirmations)
            {
                clock.MaxMs = clock.EarliestHeldMs;
                clock.HeldInARow = 0;
            }
        }
    }

    /// <summary>The partition's "now" (Unix ms): everything up to it has arrived, within the allowed out-of-orderness.</summary>
    public bool TryGetNow(int partition, out long nowMs)
    {
        nowMs = 0;
        if (!_partitions.TryGetValue(partition, out var clock))
        {
            return false;
        }

        lock (clock)
        {
            nowMs = clock.MaxMs - _lateMs;
            return clock.MaxMs != long.MinValue;
        }
    }

    private sealed class PartitionClock
    {
        public long MaxMs = long.MinValue;
        public long EarliestHeldMs;
        public int HeldInARow;
    }
}
