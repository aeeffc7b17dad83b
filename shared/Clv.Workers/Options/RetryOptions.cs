namespace Clv.Workers.Options;

/// <summary>Backoff of a batch that failed for a retriable reason (Redis unreachable): the same batch is retried, never skipped.</summary>
public sealed class RetryOptions
{
    public int InitialDelayMs { get; set; } = 100;

    public int MaxDelayMs { get; set; } = 5000;
}
