namespace Clv.Standalone.Views;

/// <summary>Per-second rate of a growing counter between two successive readings.</summary>
public sealed class ThroughputGauge
{
    private long _lastCount;
    private TimeSpan _lastTime;

    public double Next(long count, TimeSpan now)
    {
        var seconds = (now - _lastTime).TotalSeconds;
        var rate = seconds > 0 ? (count - _lastCount) / seconds : 0;
        _lastCount = count;
        _lastTime = now;
        return rate;
    }
}
