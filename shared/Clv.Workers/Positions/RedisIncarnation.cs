using StackExchange.Redis;

namespace Clv.Workers.Positions;

/// <summary>
/// Which Redis server processes answer: the <c>run_id</c> of every primary. Acknowledged writes can only be lost
/// when that changes (a restart on an older or unsynced AOF, a failover to a lagging replica), so a batch whose
/// writes, and the position write after them, all ran under one incarnation survives as a whole or is cut at
/// a point that the position shows: Redis persists and replicates a prefix of its write stream.
/// </summary>
public sealed class RedisIncarnation(IConnectionMultiplexer redis)
{
    // The incarnation the batch in hand started under. The consume loop calls its handler on its own thread and
    // the handler's awaits inherit this, so each loop (split mode runs two in one process) checks its own batch.
    private static readonly AsyncLocal<string?> BatchStart = new();

    // INFO through a script: a worker's connection has no admin mode, which SE.Redis requires for INFO itself.
    private const string RunIdScript = "return string.match(redis.call('INFO', 'server'), 'run_id:(%w+)')";

    /// <summary>Every primary's endpoint and run_id; a primary that does not answer throws (retriable).</summary>
    public async Task<string> ReadAsync()
    {
        var primaries = new List<string>();
        foreach (var server in redis.GetServers())
        {
            if (!server.IsReplica)
            {
                var runId = await server.ExecuteAsync("EVAL", RunIdScript, 0).ConfigureAwait(false);
                primaries.Add($"{server.EndPoint}={runId}");
            }
        }

        primaries.Sort(StringComparer.Ordinal);
        return string.Join(',', primaries);
    }

    /// <summary>Notes the incarnation a batch starts under, for <see cref="EnsureUnchangedAsync"/>.</summary>
    public static void BeginBatch(string incarnation) => BatchStart.Value = incarnation;

    /// <summary>
    /// Called by a handler between its Redis writes and what it publishes from their results: a restart or
    /// failover since the batch started means they may have run on a state that lost earlier writes (a seq_no
    /// given twice), so nothing of the batch may go out.
    /// </summary>
    public async Task EnsureUnchangedAsync()
    {
        var start = BatchStart.Value;
        if (start is null)
        {
            // A handler driven without a consume loop (the load harness) has no batch start and no positions to protect.
            return;
        }

        var now = await ReadAsync().ConfigureAwait(false);
        if (now != start)
        {
            throw new BatchNotDurableException($"Redis changed under the batch (restart or failover: {start} -> {now})");
        }
    }
}
