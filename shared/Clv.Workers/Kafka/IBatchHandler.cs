using Confluent.Kafka;

namespace Clv.Workers.Kafka;

/// <summary>What a <see cref="BatchConsumerLoop"/> does with each micro-batch; it commits only after this returns.</summary>
public interface IBatchHandler
{
    /// <summary>
    /// Applies every message of the batch and returns once all side effects (Redis writes, produced messages)
    /// are acknowledged. Must be idempotent: a retriable failure retries the same batch, and a crash replays it.
    /// </summary>
    Task HandleAsync(IReadOnlyList<ConsumeResult<string, byte[]>> batch, CancellationToken cancellationToken);

    /// <summary>Periodic work between batches, on the loop's thread (the recency sweep); partitions are the ones assigned now.</summary>
    Task OnIdleAsync(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken);
}
