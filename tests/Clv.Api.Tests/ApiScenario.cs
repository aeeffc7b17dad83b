using Clv.Contracts.Scores;
using Clv.Development.Kafka;
using Clv.Hosting.Redis;
using System.Net.Http.Json;
using Clv.Contracts.Json;
using Clv.Contracts.Transactions;
using Clv.Hosting;
using Clv.Hosting.Kafka;
using Clv.Model;
using Clv.Model.Features;
using Clv.Model.Persistence;
using Clv.TestInfrastructure;
using Clv.Workers;
using Clv.ModelLifecycle;
using Clv.Workers.Redis;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Clv.Api.Tests;

/// <summary>
/// A running pipeline and API on the shared broker and Redis: the fused worker scores what the scenario
/// produces, the API (as Clv.Api composes it) serves on a free loopback port. Own topics, groups and Redis
/// database, so scenarios never see each other's data.
/// </summary>
public sealed class ApiScenario : IAsyncDisposable
{
    private static int _nextDatabase;

    private readonly KafkaFixture _kafka;
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly IProducer<string, byte[]> _producer;
    private WebApplication? _app;

    /// <param name="model">The model the workers score with and the store holds as active (default: <see cref="Lstm"/>).</param>
    public ApiScenario(KafkaFixture kafka, RedisFixture redis, ScoringModel? model = null)
    {
        _kafka = kafka;
        Model = model ?? Lstm;
        Database = (Interlocked.Increment(ref _nextDatabase) % 15) + 1;
        RedisConnectionString = $"{redis.ConnectionString},defaultDatabase={Database},allowAdmin=true";
        Redis = ConnectionMultiplexer.Connect(RedisConnectionString);
        Redis.GetServers()[0].FlushDatabase(Database);
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, LingerMs = 1 }).Build();
    }

    /// <summary>Small deterministic weights: any valid model serves to check that the API reports what the model computes.</summary>
    public static MtlLstmModel Lstm { get; } = MtlLstmModel.CreateInitial(new ModelConfig(HiddenSize: 16, DenseSize: 16), FeatureStatistics.Identity, seed: 7, version: "api-test-v1");

    public ScoringModel Model { get; }

    public string Prefix => _id;

    public int Database { get; }

    public string RedisConnectionString { get; }

    public ConnectionMultiplexer Redis { get; }

    public string AlertsTopic => $"alert-{_id}";

    public string UpdatesTopic => $"upd-{_id}";

    public int Partitions => 4;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The started API's services.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("the scenario is not started");

    /// <summary>Creates the topics, stores and activates the model, and starts workers + API with the given extra settings.</summary>
    public async Task StartAsync(IDictionary<string, string?>? settings = null)
    {
        foreach (var topic in new[] { $"tx-{_id}", $"seq-{_id}", UpdatesTopic, AlertsTopic, $"dlq-{_id}" })
        {
            await _kafka.CreateTopicAsync(topic, Partitions);
        }

        await WorkerScripts.LoadAllAsync(Redis);
        var store = new ModelStore(Redis, new ModelStoreOptions());
        await store.SaveAsync(Model.Version, WeightsFile.ToBytes(Model), new Dictionary<string, double>(), ModelDecision.Promoted, "test model");
        await store.ActivateAsync(Model.Version, "test model");

        var port = FreeTcpPort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var configuration = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = _kafka.BootstrapServers,
            ["Kafka:SessionTimeoutMs"] = _kafka.IsMockCluster ? MockKafkaCluster.ConsumerSessionTimeoutMs.ToString() : "10000",
            ["Redis:ConnectionString"] = RedisConnectionString,
            ["Workers:SequencerGroupId"] = $"sequencer-{_id}",
            ["Workers:ScorerGroupId"] = $"scorer-{_id}",
            ["Workers:Fused"] = "true",
            ["Workers:Topics:Transactions"] = $"tx-{_id}",
            ["Workers:Topics:Sequenced"] = $"seq-{_id}",
            ["Workers:Topics:ClvUpdates"] = UpdatesTopic,
            ["Workers:Topics:ChurnAlerts"] = AlertsTopic,
            ["Workers:Topics:DeadLetter"] = $"dlq-{_id}",
            ["Workers:Batch:MaxDelayMs"] = "20",
            // The stored scores must stay those of the last events: no silence re-scores.
            ["Workers:Recency:Enabled"] = "false",
            ["Api:GroupIdPrefix"] = $"api-{_id}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddClvDefaults();
        builder.Services.AddSingleton(new ActiveModel(Model));
        builder.AddFusedWorker();
        builder.AddClvApi();
        _app = builder.Build();
        _app.MapClvHealth();
        _app.MapClvApi();
        await _app.StartAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Http.BaseAddress = BaseAddress;
    }

    public void Produce(IEnumerable<TransactionEvent> events)
    {
        foreach (var e in events)
        {
            _producer.Produce($"tx-{_id}", new Message<string, byte[]> { Key = e.CustomerId, Value = ClvJson.Serialize(e) });
        }

        _producer.Flush(TimeSpan.FromSeconds(30));
    }

    /// <summary>Puts a message on the alerts topic, as the scorer would.</summary>
    public async Task ProduceAlertAsync(string customerId, string json, string? topic = null) =>
        await _producer.ProduceAsync(topic ?? AlertsTopic, new Message<string, byte[]> { Key = customerId, Value = System.Text.Encoding.UTF8.GetBytes(json) });

    /// <summary>Produces generated events and waits until they are scored; returns each customer's history.</summary>
    public async Task<Dictionary<string, List<TransactionEvent>>> ScoreAsync(int customers, int events, int seed, TimeSpan timeout)
    {
        var generated = TestEvents.Generate(Prefix, customers, events, seed);
        var histories = TestEvents.ByCustomer(generated);
        Produce(generated);
        await WaitUntilScoredAsync(histories, timeout);
        return histories;
    }

    /// <summary>Waits until every customer's stored state includes its last event.</summary>
    public async Task WaitUntilScoredAsync(Dictionary<string, List<TransactionEvent>> histories, TimeSpan timeout)
    {
        var db = Redis.GetDatabase();
        var deadline = DateTime.UtcNow + timeout;
        foreach (var (customer, history) in histories)
        {
            while ((long?)await db.HashGetAsync(RedisKeys.State(customer), "seq") != history.Count)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{customer} not scored to seq {history.Count} within {timeout}");
                }

                await Task.Delay(50);
            }
        }
    }

    /// <summary>Reads <paramref name="count"/> updates from the updates topic (every partition, from its start).</summary>
    public List<ClvUpdate> ReadUpdates(int count, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = _kafka.BootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(UpdatesTopic, p, Offset.Beginning)));
        var updates = new List<ClvUpdate>();
        var deadline = DateTime.UtcNow + timeout;
        while (updates.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{updates.Count} of {count} updates on {UpdatesTopic} within {timeout}");
            }

            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } message)
            {
                updates.Add(ClvJson.Deserialize<ClvUpdate>(message.Message.Value));
            }
        }

        return updates;
    }

    public async Task<T> GetJsonAsync<T>(string path) =>
        await Http.GetFromJsonAsync<T>(path, ApiJson.Options) ?? throw new InvalidOperationException($"{path}: null");

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Http.Dispose();
        _producer.Dispose();
        await Redis.DisposeAsync();
    }
}
