using System.Diagnostics;
using HdrHistogram;

namespace Clv.Development.LoadHarness;

/// <summary>One worker's latencies (microseconds, 3 significant digits) and completions of measured events.</summary>
public sealed class LatencyRecorder(RunWindow window)
{
    private static readonly double MicrosecondsPerTick = 1_000_000.0 / Stopwatch.Frequency;

    public LongHistogram Histogram { get; } = new(1, 600_000_000, 3);

    public long Completed { get; private set; }

    public long LastDoneTicks { get; private set; }

    /// <summary>Records the events of a batch that finished at <paramref name="doneTicks"/>.</summary>
    public void Record(List<long> arrivals, long doneTicks)
    {
        foreach (var arrival in arrivals)
        {
            if (arrival < window.MeasureFromTicks)
            {
                continue;
            }

            Histogram.RecordValue(Math.Max(1, (long)((doneTicks - arrival) * MicrosecondsPerTick)));
            Completed++;
            LastDoneTicks = doneTicks;
        }
    }
}
