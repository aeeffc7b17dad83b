using Clv.Contracts.Json;
using Clv.Contracts.Transactions;
using Clv.Development.Kafka;
using Clv.Hosting;
using Clv.Hosting.Kafka;
using Clv.ModelLifecycle;
using Clv.TestInfrastructure;
using Clv.Workers.Faults;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Clv.Workers.Tests;

/// <summary>
/// One isolated pipeline on the shared broker and Redis: its own topics, consumer groups and a leased Redis database
/// that no other test flushes or writes (<see cref="RedisDatabaseLease"/>), so scenarios never see each other's data. Starts worker hosts (split or fused) the way the services do.
/// </summary>
public sealed class PipelineScenario : IAsyncDisposable
{
    private readonly KafkaFixture _kafka;
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly IProducer<string, byte[]> _producer;
    private readonly List<IHost> _hosts = [];
    private readonly RedisDatabaseLease _lease;

    public PipelineScenario(KafkaFixture kafka, string redisConnectionString, int partitions = 4)
    {
        _kafka = kafka;
        Partitions = partitions;
        _lease = RedisDatabaseLease.Acquire(redisConnectionString);
        Database = _lease.Database;
        // Short timeouts so the workers notice a frozen Redis within a second (the outage test).
        RedisConnectionString = $"{_lease.ConnectionString},allowAdmin=true,asyncTimeout=1000,syncTimeout=1000";
        Redis = ConnectionMultiplexer.Connect(RedisConnectionString);
        // The workers' partitioner (KafkaClientFactory), as `clv replay` uses: a customer's events and updates then
        // share a partition number, so a partition of clv-updates is written by the replica owning that input partition.
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            LingerMs = 1,
            MessageMaxBytes = 4_000_000,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();
    }

    public string Prefix => _id;

    /// <summary>Warnings and errors the scenario's workers logged.</summary>
    public RecordingLoggerProvider Log { get; } = new(LogLevel.Warning);

    public string BootstrapServers => _kafka.BootstrapServers;

    public int Partitions { get; }

    public string RedisConnectionString { get; }

    /// <summary>The Redis database (1-15) this scenario's workers use, leased for the scenario's lifetime.</summary>
    public int Database { get; }

    public ConnectionMultiplexer Redis { get; }

    public string TransactionsTopic => $"tx-{_id}";

    public string SequencedTopic => $"seq-{_id}";

    public string UpdatesTopic => $"upd-{_id}";

    public string AlertsTopic => $"alert-{_id}";

    public string DeadLetterTopic => $"dlq-{_id}";

    public async Task CreateTopicsAsync()
    {
        foreach (var topic in new[] { TransactionsTopic, SequencedTopic, UpdatesTopic, AlertsTopic, DeadLetterTopic })
        {
            await _kafka.CreateTopicAsync(topic, Partitions);
        }
    }

    /// <summary>Starts a worker host: fused (one loop) or split (sequencer and scorer loops in one process, linked by the sequenced topic).</summary>
    public async Task<IHost> StartAsync(bool fused, ActiveModel model, IFaultInjector? faults = null, IDictionary<string, string?>? settings = null, IConnectionMultiplexer? redis = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Log);
        if (Environment.GetEnvironmentVariable("CLV_TEST_LOG") == "1")
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Information);
        }

        var configuration = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = _kafka.BootstrapServers,
            ["Kafka:SessionTimeoutMs"] = _kafka.IsMockCluster ? MockKafkaCluster.ConsumerSessionTimeoutMs.ToString() : "10000",
            ["Kafka:MaxPollIntervalMs"] = "30000",
            ["Redis:ConnectionString"] = RedisConnectionString,
            ["Workers:SequencerGroupId"] = $"sequencer-{_id}",
            ["Workers:ScorerGroupId"] = $"scorer-{_id}",
            ["Workers:Topics:Transactions"] = TransactionsTopic,
            ["Workers:Topics:Sequenced"] = SequencedTopic,
            ["Workers:Topics:ClvUpdates"] = UpdatesTopic,
            ["Workers:Topics:ChurnAlerts"] = AlertsTopic,
            ["Workers:Topics:DeadLetter"] = DeadLetterTopic,
            ["Workers:Batch:MaxDelayMs"] = "20",
            ["Workers:Retry:InitialDelayMs"] = "50",
            ["Workers:Retry:MaxDelayMs"] = "500",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddClvDefaults();
        builder.Services.AddSingleton(model);
        builder.Services.AddSingleton(faults ?? NoFaults.Instance);
        if (redis is not null)
        {
            builder.Services.AddSingleton(redis);
        }

        if (fused)
        {
            builder.AddFusedWorker();
        }
        else
        {
            builder.AddSequencerWorker();
            builder.AddScorerWorker();
        }

        var host = builder.Build();
        _hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    /// <summary>Waits until the host stops by itself (a crash: the faulted worker stops the host), then disposes it.</summary>
    public async Task WaitForCrashAsync(IHost host, TimeSpan timeout)
    {
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        await Task.Delay(Timeout.InfiniteTimeSpan, stopping).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(timeout);
        await StopAsync(host);
    }

    public async Task StopAsync(IHost host)
    {
        await host.StopAsync();
        host.Dispose();
        _hosts.Remove(host);
    }

    public async Task ProduceAsync(IEnumerable<TransactionEvent> events)
    {
        foreach (var e in events)
        {
            _producer.Produce(TransactionsTopic, new Message<string, byte[]> { Key = e.CustomerId, Value = ClvJson.Serialize(e) });
        }

        _producer.Flush(TimeSpan.FromSeconds(30));
        await Task.CompletedTask;
    }

    public async Task ProduceRawAsync(string key, byte[] value) =>
        await _producer.ProduceAsync(TransactionsTopic, new Message<string, byte[]> { Key = key, Value = value });

    public TopicReader Reader(string topic) => new(_kafka.BootstrapServers, topic, Partitions, Log);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.ToArray())
        {
            await StopAsync(host);
        }

        _producer.Dispose();
        await Redis.DisposeAsync();
        _lease.Dispose();
    }
}
