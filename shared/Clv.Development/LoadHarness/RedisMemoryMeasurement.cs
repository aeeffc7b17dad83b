using System.Text;
using Clv.Contracts.Json;
using Clv.Contracts.Transactions;
using Clv.Hosting.Redis;
using Clv.Model;
using Clv.Model.Features;
using Clv.Workers.Options;
using Clv.Workers.Pipeline;
using Clv.Workers.Redis;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Clv.Development.LoadHarness;

/// <summary>
/// Redis memory per customer in the storage format the workers write: fresh customers each get exactly
/// N events through the real fused handler (sequencing script, state store, scorer), then every key of every
/// customer is measured with <c>MEMORY USAGE key SAMPLES 0</c> (exact, every element counted) and the sum is
/// averaged. Needs a connection with <c>allowAdmin</c> (INFO, SCAN); customer ids are unique per run, so it can
/// share a server with other data. The workers are registered as in a service (<see cref="HarnessServices"/>), with
/// <paramref name="settings"/> (<c>Workers:WindowSize</c>, ...) over the defaults.
/// </summary>
public sealed class RedisMemoryMeasurement(IConnectionMultiplexer redis, int hiddenSize = 32, int seed = 1, IEnumerable<KeyValuePair<string, string?>>? settings = null)
{
    private const int BatchSize = 500;

    private readonly MtlLstmModel _model = MtlLstmModel.CreateInitial(
        new ModelConfig(HiddenSize: hiddenSize, DenseSize: hiddenSize), FeatureStatistics.Identity, seed, "memory");

    private readonly string _runId = Guid.NewGuid().ToString("N")[..6];

    public RedisMemoryResult Measure(int eventsPerCustomer, int customers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(eventsPerCustomer, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        using var services = HarnessServices.Build(redis, _model, settings);
        var workers = services.GetRequiredService<IOptions<WorkersOptions>>().Value;
        WorkerScripts.LoadAllAsync(redis).GetAwaiter().GetResult();
        var prefix = $"memory-{_runId}-e{eventsPerCustomer}";
        var source = new SyntheticSource(prefix, new ZipfSampler(customers, 1), customers, workers.Topics.Transactions, 0, seed);
        var handler = services.GetRequiredService<WorkerHandlers>().Fused(new InMemoryProducer());
        var server = redis.GetServers()[0];
        var database = redis.GetDatabase();
        var recencyBefore = RecencyIndexBytes(server, database);
        var usedBefore = UsedMemory(server);

        long jsonBytes = 0;
        long idBytes = 0;
        var batch = new List<ConsumeResult<string, byte[]>>(BatchSize);
        for (var round = 0; round < eventsPerCustomer; round++)
        {
            for (var k = 0; k < customers; k++)
            {
                var message = source.Next(k);
                jsonBytes += message.Message.Value.Length;
                idBytes += Encoding.UTF8.GetByteCount(IdOf(message.Message.Value));
                batch.Add(message);
                if (batch.Count == BatchSize)
                {
                    handler.HandleAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
                    batch.Clear();
                }
            }
        }

        if (batch.Count > 0)
        {
            handler.HandleAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
        }

        var usedGrowth = UsedMemory(server) - usedBefore;
        var byKind = new Dictionary<string, double>(StringComparer.Ordinal);
        var seenCustomers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in server.Keys(database.Database, $"{RedisKeys.CustomerPrefix}{{{prefix}-c*}}:*", pageSize: 1000))
        {
            var name = key.ToString();
            var kind = name[(name.LastIndexOf(':') + 1)..];
            byKind[kind] = byKind.GetValueOrDefault(kind) + MemoryUsage(database, key);
            seenCustomers.Add(RedisKeys.CustomerIdOf(name) ?? name);
        }

        if (seenCustomers.Count != customers)
        {
            throw new InvalidOperationException($"Expected keys of {customers} customers after {eventsPerCustomer} events each; found {seenCustomers.Count}.");
        }

        foreach (var kind in byKind.Keys.ToList())
        {
            byKind[kind] /= customers;
        }

        return new RedisMemoryResult(
            eventsPerCustomer,
            customers,
            Math.Min(eventsPerCustomer, workers.WindowSize),
            jsonBytes / (double)(customers * (long)eventsPerCustomer),
            idBytes / (double)(customers * (long)eventsPerCustomer),
            byKind,
            (RecencyIndexBytes(server, database) - recencyBefore) / customers,
            usedGrowth / customers);
    }

    private static string IdOf(byte[] json) => ClvJson.Deserialize<TransactionEvent>(json).EventId;

    private static double RecencyIndexBytes(IServer server, IDatabase database)
    {
        double total = 0;
        foreach (var key in server.Keys(database.Database, "clv:{recency:*", pageSize: 1000))
        {
            total += MemoryUsage(database, key);
        }

        return total;
    }

    private static double MemoryUsage(IDatabase database, RedisKey key) =>
        (double)database.Execute("MEMORY", "USAGE", key, "SAMPLES", 0);

    private static double UsedMemory(IServer server) => RedisServerInfo.Number(server, "memory", "used_memory");
}
