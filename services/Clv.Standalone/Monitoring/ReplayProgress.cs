namespace Clv.Standalone.Monitoring;

/// <summary>How far the replay of the data file is; written by the replay, read by the views and the drain check.</summary>
public sealed class ReplayProgress
{
    private long _published;
    private long _total;
    private int _finished;

    public long Published => Interlocked.Read(ref _published);

    public long Total => Interlocked.Read(ref _total);

    public bool Finished => Volatile.Read(ref _finished) == 1;

    public void Starting(long total) => Interlocked.Exchange(ref _total, total);

    public void Advanced(long published) => Interlocked.Exchange(ref _published, published);

    public void Finish() => Volatile.Write(ref _finished, 1);
}
