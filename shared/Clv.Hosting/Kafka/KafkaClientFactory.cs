using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clv.Hosting.Kafka;

/// <summary>
/// Builds the Kafka clients every service uses, with the delivery guarantees (README, "Delivery guarantees") set
/// once here: keys are customer ids (string), values are the serialized event bytes.
/// </summary>
public sealed class KafkaClientFactory(IOptions<KafkaOptions> options, ILoggerFactory loggerFactory)
{
    private readonly KafkaOptions _options = options.Value;
    private readonly ILogger _logger = loggerFactory.CreateLogger("Clv.Kafka");

    /// <summary>
    /// Idempotent producer with acks=all: a retried send is written once and in order per partition,
    /// and acknowledged only when every in-sync replica has it.
    /// </summary>
    public ProducerConfig ProducerConfig(string clientId)
    {
        var config = new ProducerConfig
        {
            ClientId = clientId,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = _options.LingerMs,
            CompressionType = _options.Compression,
            // Same key -> partition mapping as the Java clients, so other tools agree on where a customer lives.
            Partitioner = Partitioner.Murmur2Random,
        };
        _options.ApplyTo(config);
        return config;
    }

    /// <summary>
    /// Consumer in a group, at-least-once with manual offset store. The loop calls
    /// <c>StoreOffset(result)</c> only after the event's side effects are acknowledged (Redis write,
    /// produced output); librdkafka then commits the STORED offsets in the background every second,
    /// on partition revocation and on <c>Close()</c>, so an offset is never committed before its
    /// event took effect. Loops that want a commit at a batch boundary call <c>Commit()</c>, which
    /// also commits the stored offsets.
    /// </summary>
    public ConsumerConfig ConsumerConfig(string groupId, string clientId)
    {
        var config = new ConsumerConfig
        {
            GroupId = groupId,
            ClientId = clientId,
            EnableAutoOffsetStore = false,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = 1000,
            // A new group reads the topic from its start: skipping history would lose customers' events.
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // Incremental rebalancing: adding a replica moves only the partitions it takes over.
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            SessionTimeoutMs = _options.SessionTimeoutMs,
            HeartbeatIntervalMs = Math.Max(100, _options.SessionTimeoutMs / 5),
            MaxPollIntervalMs = _options.MaxPollIntervalMs,
            FetchWaitMaxMs = _options.FetchWaitMaxMs,
        };
        _options.ApplyTo(config);
        return config;
    }

    public IProducer<string, byte[]> CreateProducer(string clientId) =>
        new ProducerBuilder<string, byte[]>(ProducerConfig(clientId))
            .SetErrorHandler((_, error) => LogError(clientId, error))
            .SetLogHandler((_, message) => LogNative(message))
            .Build();

    /// <summary>
    /// A consumer with the settings of <see cref="ConsumerConfig"/>; <paramref name="configure"/> adds
    /// rebalance handlers (say in one line what they guarantee) before it is built.
    /// </summary>
    public IConsumer<string, byte[]> CreateConsumer(string groupId, string clientId, Action<ConsumerBuilder<string, byte[]>>? configure = null)
    {
        var builder = new ConsumerBuilder<string, byte[]>(ConsumerConfig(groupId, clientId))
            .SetErrorHandler((_, error) => LogError(clientId, error))
            .SetLogHandler((_, message) => LogNative(message));
        configure?.Invoke(builder);
        return builder.Build();
    }

    private void LogError(string clientId, Error error)
    {
        // librdkafka recovers from non-fatal errors by itself (reconnects, retries); a fatal one ends the client.
        if (error.IsFatal)
        {
            _logger.LogCritical("Kafka client {ClientId} fatal error {Code}: {Reason}", clientId, error.Code, error.Reason);
        }
        else
        {
            _logger.LogWarning("Kafka client {ClientId} error {Code}: {Reason}", clientId, error.Code, error.Reason);
        }
    }

    private void LogNative(LogMessage message) =>
        _logger.Log((LogLevel)message.LevelAs(LogLevelType.MicrosoftExtensionsLogging), "librdkafka {Facility} {Name}: {Message}", message.Facility, message.Name, message.Message);
}
