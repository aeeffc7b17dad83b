namespace Clv.Standalone.Views;

/// <summary>
/// Per-second rate of a growing counter, over windows of at least two seconds: the workers process in
/// micro-batches, so a half-second frame would show bursts and zeros instead of the throughput.
/// </summary>
public sealed class ThroughputGauge
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    private long _lastCount;
    private TimeSpan _lastTime;
    private double _rate;

    public double Next(long count, TimeSpan now)
    {
        var elapsed = now - _lastTime;
        if (elapsed >= Window)
        {
            _rate = (count - _lastCount) / elapsed.TotalSeconds;
            _lastCount = count;
            _lastTime = now;
        }
        return _rate;
    }
}
