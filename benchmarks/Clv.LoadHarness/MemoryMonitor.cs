namespace Clv.LoadHarness;

/// <summary>Samples the process working set and managed heap every 100 ms and keeps the peaks.</summary>
public sealed class MemoryMonitor : IDisposable
{
    private readonly Timer _timer;
    private long _peakWorkingSet;
    private long _peakHeap;

    public MemoryMonitor() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

    public long PeakWorkingSetBytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peakWorkingSet);
        }
    }

    public long PeakManagedHeapBytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peakHeap);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        Max(ref _peakWorkingSet, Environment.WorkingSet);
        Max(ref _peakHeap, GC.GetTotalMemory(false));
    }

    private static void Max(ref long peak, long value)
    {
        var current = Interlocked.Read(ref peak);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref peak, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
