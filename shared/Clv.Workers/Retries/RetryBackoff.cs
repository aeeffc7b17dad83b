using Clv.Workers.Options;

namespace Clv.Workers.Retries;

/// <summary>
/// How long a consume loop waits before it tries the batch in hand again after a retriable failure
/// (<see cref="ErrorClassifier"/>): <see cref="RetryOptions.InitialDelayMs"/> first, then twice the previous wait,
/// at most <see cref="RetryOptions.MaxDelayMs"/>; a new batch starts again from the initial delay. One per loop,
/// used on the loop's thread.
/// </summary>
public sealed class RetryBackoff(RetryOptions options)
{
    private int _nextMs = options.InitialDelayMs;

    /// <summary>The wait before the next attempt, in milliseconds; the one after it doubles, up to the cap.</summary>
    public int NextDelayMs()
    {
        var delayMs = _nextMs;
        _nextMs = (int)Math.Min(2L * delayMs, options.MaxDelayMs);
        return delayMs;
    }

    /// <summary>A new batch: its first failure waits the initial delay again.</summary>
    public void Reset() => _nextMs = options.InitialDelayMs;
}
