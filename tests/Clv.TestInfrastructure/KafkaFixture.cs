using Clv.Hosting.Kafka;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Testcontainers.Kafka;
using Xunit;
using Xunit.Abstractions;

namespace Clv.TestInfrastructure;

/// <summary>
/// A Kafka-protocol broker for a test collection: <c>CLV_TEST_KAFKA</c> (bootstrap servers), else a
/// Testcontainers Kafka when Docker answers, else librdkafka's in-process mock cluster
/// (<see cref="MockKafkaCluster"/>: mind its ~5 MB per partition).
/// </summary>
public sealed class KafkaFixture(IMessageSink sink) : IAsyncLifetime
{
    public const string EnvironmentVariable = "CLV_TEST_KAFKA";

    private MockKafkaCluster? _mock;
    private KafkaContainer? _container;

    public string BootstrapServers { get; private set; } = string.Empty;

    /// <summary>True when the broker is librdkafka's mock cluster (each partition keeps only ~5 MB).</summary>
    public bool IsMockCluster => _mock is not null;

    public string Backend { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            BootstrapServers = configured;
            Backend = $"{EnvironmentVariable}={configured}";
        }
        else if (DockerEngine.Answers)
        {
            _container = new KafkaBuilder("confluentinc/cp-kafka:7.5.12").Build();
            await _container.StartAsync();
            BootstrapServers = _container.GetBootstrapAddress();
            Backend = $"Testcontainers cp-kafka:7.5.12 at {BootstrapServers}";
        }
        else
        {
            _mock = MockKafkaCluster.Start();
            BootstrapServers = _mock.BootstrapServers;
            Backend = $"librdkafka mock cluster at {BootstrapServers} (native {MockKafkaCluster.NativeLibraryPath})";
        }
        BackendReport.Chosen(sink, "Kafka", Backend);
    }

    /// <summary>A client factory with the services' settings (idempotent producer, manual offset store) for this broker.</summary>
    public KafkaClientFactory CreateClientFactory() =>
        new(Options.Create(new KafkaOptions { BootstrapServers = BootstrapServers }), NullLoggerFactory.Instance);

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

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
        _mock?.Dispose();
    }
}
