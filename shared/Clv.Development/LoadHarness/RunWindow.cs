using System.Diagnostics;

namespace Clv.Development.LoadHarness;

/// <summary>The time bounds of one scenario (Stopwatch ticks) and its event budget, shared by its worker threads.</summary>
public sealed class RunWindow
{
    private long _taken;

    public RunWindow(TimeSpan warmup, TimeSpan duration, long maxEvents)
    {
        StartTicks = Stopwatch.GetTimestamp();
        MeasureFromTicks = StartTicks + Ticks(warmup);
        DeadlineTicks = MeasureFromTicks + Ticks(duration);
        MaxEvents = maxEvents;
    }

    public long StartTicks { get; }

    /// <summary>Events that arrive before this are warm-up: processed, not measured.</summary>
    public long MeasureFromTicks { get; }

    /// <summary>No event is taken after this.</summary>
    public long DeadlineTicks { get; }

    public long MaxEvents { get; }

    public long Taken => Interlocked.Read(ref _taken);

    public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Claims one event of the budget; false once it is spent.</summary>
    public bool TryTake() => Interlocked.Increment(ref _taken) <= MaxEvents;
}
