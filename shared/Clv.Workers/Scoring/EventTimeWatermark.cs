namespace Clv.Workers.Scoring;

/// <summary>The largest event time (Unix ms) the scorer has applied: the recency sweeper's default "now".</summary>
public sealed class EventTimeWatermark
{
    private long _maxMs = long.MinValue;

    public bool HasValue => Volatile.Read(ref _maxMs) != long.MinValue;

    public long CurrentMs => Volatile.Read(ref _maxMs);

    public void Observe(long eventMs)
    {
        var current = Volatile.Read(ref _maxMs);
        while (eventMs > current)
        {
            var seen = Interlocked.CompareExchange(ref _maxMs, eventMs, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
