using Clv.Workers.Faults;

namespace Clv.Workers.Tests;

/// <summary>Crashes the worker the <paramref name="hit"/>-th time it reaches <paramref name="point"/>, and never again.</summary>
public sealed class CrashOnce(FaultPoint point, int hit) : IFaultInjector
{
    private int _hits;

    public bool Crashed { get; private set; }

    public void At(FaultPoint reached)
    {
        if (reached == point && !Crashed && Interlocked.Increment(ref _hits) == hit)
        {
            Crashed = true;
            throw new InjectedCrashException(point);
        }
    }
}
