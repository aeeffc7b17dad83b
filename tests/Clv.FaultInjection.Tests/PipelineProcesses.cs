using Clv.Contracts;
using Clv.Contracts.Json;
using Clv.Contracts.Transactions;
using Clv.Development.Kafka;
using Clv.Hosting.Kafka;
using Clv.Model;
using Clv.Model.Persistence;
using Clv.TestInfrastructure;
using Clv.ModelLifecycle;
using Clv.Workers.Tests;
using Confluent.Kafka;
using StackExchange.Redis;

namespace Clv.FaultInjection.Tests;

/// <summary>
/// One deployment for one test, every part a process of its own: the broker (its topics with
/// <see cref="Partitions"/> partitions), a redis-server with AOF, the services started from their build output
/// and configured through environment variables; RabbitMQ is shared by the collection. Disposing kills them all.
/// </summary>
public sealed class PipelineProcesses : IAsyncDisposable
{
    private static readonly string[] AllTopics = [Topics.Transactions, Topics.Sequenced, Topics.ClvUpdates, Topics.ChurnAlerts, Topics.DeadLetter];

    private readonly Uri _rabbitMq;
    private readonly string _directory = Directory.CreateTempSubdirectory("clv-fault-").FullName;
    private readonly List<ServiceProcess> _services = [];
    private IProducer<string, byte[]>? _producer;

    private PipelineProcesses(BrokerProcess broker, AofRedisServer redis, ConnectionMultiplexer connection, Uri rabbitMq, int partitions)
    {
        Broker = broker;
        Redis = redis;
        Connection = connection;
        _rabbitMq = rabbitMq;
        Partitions = partitions;
    }

    public BrokerProcess Broker { get; }

    public AofRedisServer Redis { get; }

    /// <summary>The test's own connection (it rides out restarts of the server).</summary>
    public ConnectionMultiplexer Connection { get; }

    public int Partitions { get; }

    /// <summary>The weights file services load through <c>Workers__ModelPath</c> (written by <see cref="InstallModelAsync"/>).</summary>
    public string ModelPath => Path.Combine(_directory, "model.clvw");

    public static async Task<PipelineProcesses> StartAsync(Uri rabbitMq, int partitions)
    {
        var broker = await BrokerProcess.StartAsync(partitions, AllTopics);
        var redis = new AofRedisServer();
        var connection = await redis.ConnectAsync(timeoutMs: 10_000);
        return new PipelineProcesses(broker, redis, connection, rabbitMq, partitions);
    }

    /// <summary>A service with this deployment's settings plus <paramref name="settings"/>; started at once.</summary>
    public ServiceProcess Start(string project, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Kafka__BootstrapServers"] = Broker.BootstrapServers,
            ["Kafka__SessionTimeoutMs"] = MockKafkaCluster.ConsumerSessionTimeoutMs.ToString(),
            ["Redis__ConnectionString"] = $"{Redis.ConnectionString},abortConnect=false",
            ["RabbitMq__Uri"] = _rabbitMq.ToString(),
            ["MASSTRANSIT_USAGE_TELEMETRY"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Workers__ModelPath"] = ModelPath,
            ["Workers__Batch__MaxDelayMs"] = "20",
            // Recency re-scores depend on when sweeps run; the oracle compares event application only.
            ["Workers__Recency__Enabled"] = "false",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var service = new ServiceProcess(project, environment);
        _services.Add(service);
        service.Start();
        return service;
    }

    /// <summary>Makes <paramref name="weights"/> the store's active model and writes it to <see cref="ModelPath"/>.</summary>
    public async Task<MtlLstmModel> InstallModelAsync(byte[] weights)
    {
        var model = WeightsFile.Read(weights);
        await File.WriteAllBytesAsync(ModelPath, weights);
        var store = new ModelStore(Connection, new ModelStoreOptions());
        await store.SaveAsync(model.Version, weights, new Dictionary<string, double>(), ModelDecision.Promoted, "installed by the fault-injection test");
        await store.ActivateAsync(model.Version, "installed by the fault-injection test");
        return model;
    }

    /// <summary>Publishes the events as <c>clv replay</c> does: keyed by customer, in the given order.</summary>
    public void Produce(IEnumerable<TransactionEvent> events)
    {
        _producer ??= new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = Broker.BootstrapServers, LingerMs = 5 }).Build();
        foreach (var e in events)
        {
            _producer.Produce(Topics.Transactions, new Message<string, byte[]> { Key = e.CustomerId, Value = ClvJson.Serialize(e) });
        }

        _producer.Flush(TimeSpan.FromSeconds(60));
    }

    public UpdateLog Updates() => new(Broker.BootstrapServers, Topics.ClvUpdates, Partitions);

    /// <summary>What the services printed last, for a failure message.</summary>
    public string Output() => string.Join(Environment.NewLine, _services.Select(s => $"--- {s.Name}:{Environment.NewLine}{s.OutputTail}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services)
        {
            service.Dispose();
        }

        _producer?.Dispose();
        await Connection.DisposeAsync();
        Redis.Dispose();
        Broker.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
