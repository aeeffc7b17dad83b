using Clv.Contracts.Files;
using Clv.Contracts.Json;
using Clv.Contracts.Transactions;
using Clv.Contracts.Validation;
using Clv.Model.Data;
using Clv.Hosting.Redis;
using Clv.Workers.Sequencing;
using StackExchange.Redis;

namespace Clv.Training.Lifecycle;

/// <summary>
/// Where a retrain's history comes from: <c>redis</c> = the sequencer's rolling sequences (each customer's
/// last W events, read from every primary with SCAN, so also on Redis Cluster), anything else = a
/// transactions file (canonical CSV or CDNOW text), whose rows outside the <c>Validation</c> bounds are left out
/// as the sequencer would dead-letter them.
/// </summary>
public static class TrainingHistory
{
    public const string RedisSource = "redis";

    private const int ScanPageSize = 1000;

    public static async Task<IReadOnlyList<CustomerHistory>> LoadAsync(string source, IConnectionMultiplexer redis, TransactionParserOptions validation, CancellationToken cancellationToken)
    {
        if (string.Equals(source, RedisSource, StringComparison.OrdinalIgnoreCase))
        {
            return CustomerHistories.FromEvents(await ReadRollingSequencesAsync(redis, cancellationToken).ConfigureAwait(false));
        }

        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"Retrain source '{source}' is neither \"{RedisSource}\" nor a transactions file.", source);
        }

        return CustomerHistories.FromEvents(TransactionFileReader.Load(source, validation: validation).Events);
    }

    private static async Task<List<TransactionEvent>> ReadRollingSequencesAsync(IConnectionMultiplexer redis, CancellationToken cancellationToken)
    {
        var pattern = RedisKeys.CustomerPattern("seq");
        var db = redis.GetDatabase();
        var events = new List<TransactionEvent>();
        foreach (var server in redis.GetServers())
        {
            if (server.IsReplica)
            {
                continue;
            }

            var page = new List<RedisKey>(ScanPageSize);
            await foreach (var key in server.KeysAsync(db.Database, pattern, ScanPageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                page.Add(key);
                if (page.Count == ScanPageSize)
                {
                    await ReadPageAsync(db, page, events).ConfigureAwait(false);
                    page.Clear();
                }
            }

            await ReadPageAsync(db, page, events).ConfigureAwait(false);
        }

        return events;
    }

    // One pipelined LRANGE per key of the page instead of a round trip each.
    private static async Task ReadPageAsync(IDatabase db, List<RedisKey> keys, List<TransactionEvent> into)
    {
        var reads = new Task<RedisValue[]>[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            reads[i] = db.ListRangeAsync(keys[i]);
        }

        foreach (var entries in await Task.WhenAll(reads).ConfigureAwait(false))
        {
            foreach (var stored in entries)
            {
                if (SequenceEntry.TryParse((ReadOnlyMemory<byte>)stored, out var entry))
                {
                    into.Add(ClvJson.Deserialize<TransactionEvent>(entry.Payload.Span));
                }
            }
        }
    }
}
