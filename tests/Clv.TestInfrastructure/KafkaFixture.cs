using Clv.Development.Kafka;
using Clv.Hosting.Kafka;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Testcontainers.Kafka;
using Xunit.Abstractions;

namespace Clv.TestInfrastructure;

/// <summary>
/// A Kafka-protocol broker for a test collection: <c>CLV_TEST_KAFKA</c> (bootstrap servers), else a
/// Testcontainers Kafka when Docker answers, else librdkafka's in-process mock cluster
/// (<see cref="MockKafkaCluster"/>: mind its ~5 MB per partition). Tests of a collection share the
/// broker: give topics and groups per-test names.
/// </summary>
public sealed class KafkaFixture(IMessageSink sink) : InfrastructureFixture(sink, "Kafka", EnvironmentVariable)
{
    public const string EnvironmentVariable = "CLV_TEST_KAFKA";

    private MockKafkaCluster? _mock;

    public string BootstrapServers { get; private set; } = string.Empty;

    /// <summary>True when the broker is librdkafka's mock cluster (each partition keeps only ~5 MB).</summary>
    public bool IsMockCluster => _mock is not null;

    /// <summary>
    /// A client factory with the services' settings (idempotent producer, manual offset store) for
    /// this broker; on the mock cluster with its short consumer session timeout, so restarts rejoin fast.
    /// </summary>
    public KafkaClientFactory CreateClientFactory() => new(Options.Create(CreateOptions()), NullLoggerFactory.Instance);

    /// <summary>Kafka options for this broker, to configure a host under test (<c>Kafka:*</c> settings).</summary>
    public KafkaOptions CreateOptions()
    {
        var options = new KafkaOptions { BootstrapServers = BootstrapServers };
        if (IsMockCluster)
        {
            options.SessionTimeoutMs = MockKafkaCluster.ConsumerSessionTimeoutMs;
        }
        return options;
    }

    /// <summary>Creates a topic with this many partitions; creating an existing topic is not an error.</summary>
    public async Task CreateTopicAsync(string name, int partitions)
    {
        if (_mock is not null)
        {
            _mock.CreateTopic(name, partitions);
            return;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        try
        {
            await admin.CreateTopicsAsync([new TopicSpecification { Name = name, NumPartitions = partitions, ReplicationFactor = 1 }]);
        }
        catch (CreateTopicsException ex) when (ex.Results.TrueForAll(r => r.Error.Code is ErrorCode.TopicAlreadyExists or ErrorCode.NoError))
        {
        }
    }

    /// <summary>Deletes a partition's records before <paramref name="beforeOffset"/>: what retention does to old data.</summary>
    public async Task DeleteRecordsAsync(string topic, int partition, long beforeOffset)
    {
        if (_mock is not null)
        {
            _mock.DeleteRecords(topic, partition, beforeOffset);
            return;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        await admin.DeleteRecordsAsync([new TopicPartitionOffset(topic, partition, beforeOffset)]);
    }

    protected override string UseConfigured(string address)
    {
        BootstrapServers = address;
        return $"{EnvironmentVariable}={address}";
    }

    protected override async Task<string> StartContainerAsync()
    {
        var container = await Run(new KafkaBuilder("confluentinc/cp-kafka:7.5.12").Build());
        BootstrapServers = container.GetBootstrapAddress();
        return $"Testcontainers cp-kafka:7.5.12 at {BootstrapServers}";
    }

    protected override string StartLocal()
    {
        _mock = MockKafkaCluster.Start();
        BootstrapServers = _mock.BootstrapServers;
        return $"librdkafka mock cluster at {BootstrapServers} (native {MockKafkaCluster.NativeLibraryPath})";
    }

    protected override Task ReleaseAsync()
    {
        _mock?.Dispose();
        return Task.CompletedTask;
    }
}
