namespace Clv.Development.LoadHarness;

/// <summary>Samples the process working set and managed heap every 100 ms and keeps the peaks.</summary>
public sealed class MemoryMonitor : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private long _peakWorkingSet;
    private long _peakHeap;

    public MemoryMonitor() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

    public long PeakWorkingSetBytes
    {
        get
        {
            Sample();
            lock (_gate)
            {
                return _peakWorkingSet;
            }
        }
    }

    public long PeakManagedHeapBytes
    {
        get
        {
            Sample();
            lock (_gate)
            {
                return _peakHeap;
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var workingSet = Environment.WorkingSet;
        var heap = GC.GetTotalMemory(false);
        lock (_gate)
        {
            _peakWorkingSet = Math.Max(_peakWorkingSet, workingSet);
            _peakHeap = Math.Max(_peakHeap, heap);
        }
    }
}
