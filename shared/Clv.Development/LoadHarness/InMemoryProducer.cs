using Confluent.Kafka;

namespace Clv.Development.LoadHarness;

/// <summary>
/// The in-process sink in place of the Kafka producer: every message is acknowledged at once (the delivery
/// handler runs inside <see cref="Produce(string, Message{string, byte[]}, Action{DeliveryReport{string, byte[]}})"/>),
/// so the workers' real <see cref="Clv.Workers.Kafka.DeliveryBatch"/> works unchanged. Messages to
/// <c>forwardTopic</c> are handed to <c>forward</c> (the split deployment's hop to the scorer); the rest are
/// only counted. One per worker thread.
/// </summary>
public sealed class InMemoryProducer(string? forwardTopic = null, Action<Message<string, byte[]>>? forward = null) : IProducer<string, byte[]>
{
    // The handler is called synchronously and DeliveryBatch keeps nothing of the report: one instance serves all.
    private readonly DeliveryReport<string, byte[]> _persisted = new() { Status = PersistenceStatus.Persisted, Error = new Error(ErrorCode.NoError) };

    public long Produced { get; private set; }

    public Handle Handle => throw new NotSupportedException("The in-memory sink has no librdkafka handle.");

    public string Name => "in-memory-sink";

    public void Produce(string topic, Message<string, byte[]> message, Action<DeliveryReport<string, byte[]>>? deliveryHandler = null)
    {
        Produced++;
        if (forward is not null && topic == forwardTopic)
        {
            forward(message);
        }

        deliveryHandler?.Invoke(_persisted);
    }

    public void Produce(TopicPartition topicPartition, Message<string, byte[]> message, Action<DeliveryReport<string, byte[]>>? deliveryHandler = null) =>
        Produce(topicPartition.Topic, message, deliveryHandler);

    public Task<DeliveryResult<string, byte[]>> ProduceAsync(string topic, Message<string, byte[]> message, CancellationToken cancellationToken = default)
    {
        Produce(topic, message);
        return Task.FromResult(new DeliveryResult<string, byte[]> { Topic = topic, Message = message, Status = PersistenceStatus.Persisted });
    }

    public Task<DeliveryResult<string, byte[]>> ProduceAsync(TopicPartition topicPartition, Message<string, byte[]> message, CancellationToken cancellationToken = default) =>
        ProduceAsync(topicPartition.Topic, message, cancellationToken);

    public int Poll(TimeSpan timeout) => 0;

    public int Flush(TimeSpan timeout) => 0;

    public void Flush(CancellationToken cancellationToken = default)
    {
    }

    public int AddBrokers(string brokers) => 0;

    public void SetSaslCredentials(string username, string password)
    {
    }

    public void InitTransactions(TimeSpan timeout) => throw NoTransactions();

    public void BeginTransaction() => throw NoTransactions();

    public void CommitTransaction(TimeSpan timeout) => throw NoTransactions();

    public void CommitTransaction() => throw NoTransactions();

    public void AbortTransaction(TimeSpan timeout) => throw NoTransactions();

    public void AbortTransaction() => throw NoTransactions();

    public void SendOffsetsToTransaction(IEnumerable<TopicPartitionOffset> offsets, IConsumerGroupMetadata groupMetadata, TimeSpan timeout) => throw NoTransactions();

    public void Dispose()
    {
    }

    private static NotSupportedException NoTransactions() => new("The workers do not use Kafka transactions.");
}
