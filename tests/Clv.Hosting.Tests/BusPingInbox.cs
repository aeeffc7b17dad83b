namespace Clv.Hosting.Tests;

/// <summary>Lets a test await the ping it published.</summary>
public sealed class BusPingInbox
{
    private readonly TaskCompletionSource<BusPing> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<BusPing> First => _first.Task;

    public void Received(BusPing ping) => _first.TrySetResult(ping);
}
