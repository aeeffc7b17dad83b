using Clv.Contracts.Files;
using Clv.Contracts.Validation;
using Clv.Model.Data;
using Clv.Hosting.Redis;
using Clv.Workers.Sequencing;
using StackExchange.Redis;

namespace Clv.Training.Lifecycle;

/// <summary>
/// Where a retrain's history comes from: <c>redis</c> = the sequencer's rolling windows (each customer's
/// last W + 1 events, read from every primary with SCAN, so also on Redis Cluster), anything else = a
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
            return await ReadRollingWindowsAsync(redis, cancellationToken).ConfigureAwait(false);
        }

        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"Retrain source '{source}' is neither \"{RedisSource}\" nor a transactions file.", source);
        }

        return CustomerHistories.FromEvents(TransactionFileReader.Load(source, validation: validation).Events);
    }

    private static async Task<IReadOnlyList<CustomerHistory>> ReadRollingWindowsAsync(IConnectionMultiplexer redis, CancellationToken cancellationToken)
    {
        var pattern = RedisKeys.CustomerPattern("win");
        var db = redis.GetDatabase();
        var histories = new List<CustomerHistory>();
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
                    await ReadPageAsync(db, page, histories).ConfigureAwait(false);
                    page.Clear();
                }
            }

            await ReadPageAsync(db, page, histories).ConfigureAwait(false);
        }

        // As CustomerHistories.FromEvents orders them: by customer id, whatever order the servers gave.
        histories.Sort((a, b) => string.CompareOrdinal(a.CustomerId, b.CustomerId));
        return histories;
    }

    // The page's windows read pipelined instead of a round trip each.
    private static async Task ReadPageAsync(IDatabase db, List<RedisKey> keys, List<CustomerHistory> into)
    {
        var reads = new List<(string CustomerId, Task<CustomerWindow?> Window)>(keys.Count);
        foreach (var key in keys)
        {
            if (RedisKeys.CustomerIdOf(key.ToString()) is { } customerId)
            {
                reads.Add((customerId, CustomerWindowStore.ReadAsync(db, customerId)));
            }
        }

        foreach (var (customerId, read) in reads)
        {
            var events = (await read.ConfigureAwait(false))?.Records.Select(r => r.ToCustomerEvent()).OrderBy(e => e.Time).ToArray() ?? [];
            if (events.Length > 0)
            {
                into.Add(new CustomerHistory(customerId, events));
            }
        }
    }
}
