using Confluent.Kafka;
using Clv.Hosting.Redis;
using StackExchange.Redis;

namespace Clv.Workers.Retries;

/// <summary>
/// The one place that decides what a failure of a batch means (its Redis calls or its produces; the consume
/// loop asks, the <see cref="RetryBackoff"/> says how long to wait). Retriable: back off and retry the same batch
/// (Redis unreachable or busy, a script to reload, a produce that timed out or found no leader). Everything else,
/// a permanent produce error included, is fatal: the worker stops without
/// committing, and its partitions are replayed by whoever takes them. Poison messages never get here:
/// the handlers dead-letter them.
/// </summary>
public static class ErrorClassifier
{
    public static bool IsRetriable(Exception error) => error switch
    {
        RedisConnectionException or RedisTimeoutException or ScriptReloadedException => true,
        // Batches and sweeps run without a cancellation token: a cancelled operation is the Redis client abandoning
        // the commands in flight on a connection it tore down (seen under load during an outage), not a stop.
        OperationCanceledException => true,
        RedisServerException server => IsTransientServerReply(server.Message),
        // A produce fails for good on a message too large, a topic not authorised, an invalid record: retrying the
        // same batch would fail the same way forever. Only what a broker or network recovers from is retried.
        KafkaException kafka => !kafka.Error.IsFatal && IsTransientKafkaError(kafka.Error.Code),
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsRetriable),
        _ => false,
    };

    private static bool IsTransientKafkaError(ErrorCode code) => code is
        ErrorCode.Local_MsgTimedOut or ErrorCode.Local_QueueFull or ErrorCode.Local_Transport or ErrorCode.Local_AllBrokersDown
        or ErrorCode.Local_TimedOut or ErrorCode.RequestTimedOut or ErrorCode.NetworkException or ErrorCode.BrokerNotAvailable
        or ErrorCode.LeaderNotAvailable or ErrorCode.NotLeaderForPartition or ErrorCode.NotEnoughReplicas
        or ErrorCode.NotEnoughReplicasAfterAppend or ErrorCode.NotCoordinatorForGroup or ErrorCode.Local_Retry;

    // Replies a healthy Redis gives while starting, failing over or running a slow script.
    private static bool IsTransientServerReply(string message) =>
        message.StartsWith("LOADING", StringComparison.Ordinal)
        || message.StartsWith("BUSY", StringComparison.Ordinal)
        || message.StartsWith("TRYAGAIN", StringComparison.Ordinal)
        || message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)
        || message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
        || message.StartsWith("READONLY", StringComparison.Ordinal);
}
