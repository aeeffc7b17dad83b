using Clv.Workers.Options;
using Clv.Workers.Retries;

namespace Clv.Workers.Tests.Retries;

/// <summary>The consume loop's wait before retrying a batch: the initial delay, then each wait twice the last, capped.</summary>
public sealed class RetryBackoffTests
{
    [Fact]
    public void Waits_StartAtTheInitialDelay_AndDouble_UpToTheCap()
    {
        var backoff = new RetryBackoff(new RetryOptions { InitialDelayMs = 100, MaxDelayMs = 5000 });

        Assert.Equal([100, 200, 400, 800, 1600, 3200, 5000, 5000], Take(backoff, 8));
    }

    [Fact]
    public void ANewBatch_StartsAgainFromTheInitialDelay()
    {
        var backoff = new RetryBackoff(new RetryOptions { InitialDelayMs = 300, MaxDelayMs = 1000 });
        Assert.Equal([300, 600, 1000, 1000], Take(backoff, 4));

        backoff.Reset();

        Assert.Equal([300, 600], Take(backoff, 2));
    }

    [Fact]
    public void ACapAboveHalfOfIntMax_IsReached_WithoutTheDoublingOverflowing()
    {
        // Any InitialDelayMs >= 1 and MaxDelayMs >= it are valid settings: 2^30 doubled is 2^31, one past int.MaxValue.
        var backoff = new RetryBackoff(new RetryOptions { InitialDelayMs = 1 << 30, MaxDelayMs = int.MaxValue });

        Assert.Equal([1 << 30, int.MaxValue, int.MaxValue], Take(backoff, 3));
    }

    private static int[] Take(RetryBackoff backoff, int count) => [.. Enumerable.Range(0, count).Select(_ => backoff.NextDelayMs())];
}
