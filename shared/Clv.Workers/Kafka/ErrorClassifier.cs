using Confluent.Kafka;
using StackExchange.Redis;

namespace Clv.Workers.Kafka;

/// <summary>
/// The one place that decides what a failure of a batch means. Retriable: back off and retry the same batch
/// (Redis unreachable or busy, a produce that timed out). Everything else is fatal: the worker stops without
/// committing, and its partitions are replayed by whoever takes them. Poison messages never get here:
/// the handlers dead-letter them.
/// </summary>
public static class ErrorClassifier
{
    public static bool IsRetriable(Exception error) => error switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException server => IsTransientServerReply(server.Message),
        ProduceException<string, byte[]> produce => !produce.Error.IsFatal,
        KafkaException kafka => !kafka.Error.IsFatal && kafka.Error.Code is ErrorCode.Local_MsgTimedOut or ErrorCode.Local_QueueFull or ErrorCode.Local_Transport,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsRetriable),
        _ => false,
    };

    // Replies a healthy Redis gives while starting, failing over or running a slow script.
    private static bool IsTransientServerReply(string message) =>
        message.StartsWith("LOADING", StringComparison.Ordinal)
        || message.StartsWith("BUSY", StringComparison.Ordinal)
        || message.StartsWith("TRYAGAIN", StringComparison.Ordinal)
        || message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)
        || message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
        || message.StartsWith("READONLY", StringComparison.Ordinal);
}
