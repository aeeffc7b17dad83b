using Clv.Hosting.Redis;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Clv.Workers.Positions;

/// <summary>
/// Redis as the source of truth for where a consume loop stands: after a batch's writes, the last offset applied
/// per partition is stored in Redis (compare-and-set against what this loop last stored). Redis keeps a prefix
/// of its write stream, so a position that survived proves the writes before it survived. Before each batch,
/// and while idle, a partition is verified when it is newly assigned, rewound, or Redis has changed incarnation:
/// if Redis holds an older position than where the loop reads, the partition is sought back to the position + 1
/// (that is, min(Kafka committed, Redis position + 1) on assignment), and the per-customer (partition, offset)
/// guard makes the events that did survive no-ops. With several primaries (Redis Cluster), a restart or failover of
/// a primary that does not hold the positions cannot be repaired that way: the worker refuses to go on. One loop
/// per instance, called on the loop's thread only
/// (synchronously, as the loop runs: the batch's Redis incarnation is set on that thread for its handler).
/// </summary>
public sealed class PartitionPositions(IConnectionMultiplexer redis, RedisIncarnation incarnation, string groupId, string topic, ILogger logger)
{
    /// <summary>Sets every key to its new offset only if each still holds the offset expected (none = -1); else returns the 1-based index of the first that does not.</summary>
    public static readonly RedisScript AdvanceScript = new("""
        for i = 1, #KEYS do
          if tonumber(redis.call('GET', KEYS[i]) or '-1') ~= tonumber(ARGV[2 * i - 1]) then
            return i
          end
        end
        for i = 1, #KEYS do
          redis.call('SET', KEYS[i], ARGV[2 * i])
        end
        return 0
        """);

    private static readonly TimeSpan WatermarkTimeout = TimeSpan.FromSeconds(10);

    private readonly Dictionary<int, long> _stored = [];
    private readonly HashSet<int> _unverified = [];
    private readonly Dictionary<int, long> _firstOffsets = [];
    private readonly Dictionary<int, long> _lastOffsets = [];
    private readonly HashSet<int> _soughtBack = [];
    private string? _incarnation;

    /// <summary>String: the last offset of <paramref name="partition"/> whose effects are in Redis. All of a loop's keys share one slot.</summary>
    public static RedisKey Key(string groupId, string topic, int partition) => $"clv:{{positions:{groupId}:{topic}}}:p{partition}";

    /// <summary>String: the primaries (<see cref="RedisIncarnation"/>'s endpoint=run_id list) the loop last went on under.</summary>
    public static RedisKey PrimariesKey(string groupId, string topic) => $"clv:{{positions:{groupId}:{topic}}}:primaries";

    /// <summary>Newly assigned partitions are verified before their first batch.</summary>
    public void Assigned(IEnumerable<int> partitions) => _unverified.UnionWith(partitions);

    public void Forget(IEnumerable<int> partitions)
    {
        foreach (var partition in partitions)
        {
            _stored.Remove(partition);
            _unverified.Remove(partition);
        }
    }

    /// <summary>
    /// Before a batch: notes the Redis incarnation it runs under and verifies its partitions. Returns false when a
    /// partition had to be sought back (Redis lost what was applied from it): the batch is dropped uncommitted.
    /// </summary>
    public bool BeginBatch(IConsumer<string, byte[]> consumer, IReadOnlyList<ConsumeResult<string, byte[]>> batch)
    {
        NoteIncarnationAsync().GetAwaiter().GetResult();
        // Set here, not in the async method: a value set there would not flow back to this thread and the handler.
        RedisIncarnation.BeginBatch(_incarnation!);
        CollectOffsets(batch);
        VerifyAsync(consumer, _firstOffsets).GetAwaiter().GetResult();
        if (_soughtBack.Count == 0)
        {
            return true;
        }

        SeekToBatchStart(consumer, except: _soughtBack);
        return false;
    }

    /// <summary>
    /// After the batch's effects are acknowledged: stores its positions, and checks that Redis kept one
    /// incarnation throughout. Throws <see cref="BatchNotDurableException"/> when it did not.
    /// </summary>
    public void EndBatch() => EndBatchAsync().GetAwaiter().GetResult();

    /// <summary>Between batches: verifies the owned partitions after a Redis restart or failover, seeking back any that lost applied events.</summary>
    public void VerifyOwned(IConsumer<string, byte[]> consumer, IReadOnlyCollection<int> owned) => VerifyOwnedAsync(consumer, owned).GetAwaiter().GetResult();

    /// <summary>The batch will not be committed: its partitions go back to its first offsets and are verified again.</summary>
    public void Rewind(IConsumer<string, byte[]> consumer)
    {
        SeekToBatchStart(consumer, except: []);
        _unverified.UnionWith(_firstOffsets.Keys);
    }

    private async Task EndBatchAsync()
    {
        var keys = new RedisKey[_lastOffsets.Count];
        var arguments = new RedisValue[2 * _lastOffsets.Count];
        var i = 0;
        foreach (var (partition, last) in _lastOffsets)
        {
            keys[i] = Key(groupId, topic, partition);
            arguments[2 * i] = _stored.GetValueOrDefault(partition, -1);
            arguments[(2 * i) + 1] = last;
            i++;
        }

        var mismatch = (int)await AdvanceScript.EvaluateAsync(redis.GetDatabase(), keys, arguments).ConfigureAwait(false);
        if (mismatch > 0)
        {
            throw new BatchNotDurableException($"the stored position {keys[mismatch - 1]} is not {arguments[2 * (mismatch - 1)]}, the offset this worker stored last");
        }

        var now = await incarnation.ReadAsync().ConfigureAwait(false);
        if (now != _incarnation)
        {
            throw new BatchNotDurableException($"Redis changed under the batch (restart or failover: {_incarnation} -> {now})");
        }

        foreach (var (partition, last) in _lastOffsets)
        {
            _stored[partition] = last;
        }
    }

    private async Task VerifyOwnedAsync(IConsumer<string, byte[]> consumer, IReadOnlyCollection<int> owned)
    {
        await NoteIncarnationAsync().ConfigureAwait(false);
        _firstOffsets.Clear();
        foreach (var partition in owned)
        {
            var position = consumer.Position(new TopicPartition(topic, partition));
            if (_unverified.Contains(partition) && position.Value >= 0)
            {
                _firstOffsets[partition] = position.Value;
            }
        }

        await VerifyAsync(consumer, _firstOffsets).ConfigureAwait(false);
    }

    private async Task NoteIncarnationAsync()
    {
        var now = await incarnation.ReadAsync().ConfigureAwait(false);
        if (now == _incarnation)
        {
            return;
        }

        var db = redis.GetDatabase();
        var primariesKey = PrimariesKey(groupId, topic);
        // What the loop went on under last: in this process, or before the worker restarted.
        var before = _incarnation ?? (string?)await db.StringGetAsync(primariesKey).ConfigureAwait(false);
        if (before is not null && before != now)
        {
            logger.LogWarning("Redis restarted or failed over ({Before} -> {After}): verifying the positions of {Topic} against it", before, now, topic);
            RefuseIfAShardWithoutThePositionsChanged(db, before, now);
        }

        // Written only when the loop goes on: after a refusal the next start refuses as well, until an operator acts.
        await db.StringSetAsync(primariesKey, now).ConfigureAwait(false);
        _incarnation = now;
        _unverified.UnionWith(_stored.Keys);
    }

    /// <summary>
    /// The positions prove what survived only on the primary that holds them (Redis keeps a prefix of each primary's
    /// write stream, not of the cluster's). Another primary that restarted or failed over may have lost customer
    /// writes that no position shows: going on could give a seq_no twice or lose events, so the worker stops.
    /// </summary>
    private void RefuseIfAShardWithoutThePositionsChanged(IDatabase db, string before, string now)
    {
        var previous = Primaries(before);
        var current = Primaries(now);
        if (current.Count < 2)
        {
            return;
        }

        var holder = db.IdentifyEndpoint(Key(groupId, topic, 0))?.ToString();
        foreach (var (endpoint, runId) in current)
        {
            if (endpoint != holder && previous.GetValueOrDefault(endpoint) != runId)
            {
                throw new InvalidOperationException(
                    $"Redis primary {endpoint} restarted, failed over or joined (run_id {previous.GetValueOrDefault(endpoint) ?? "none"} -> {runId}) since this worker last went on. " +
                    $"It holds customer data but not the positions of {topic} (those are on {holder ?? "another primary"}), so the worker cannot tell whether it lost writes it had acknowledged. " +
                    "It stops rather than give a seq_no twice or lose events: check that shard (with appendfsync always a restart loses nothing; restore it from a backup otherwise), " +
                    $"then record the primaries as they are now and restart the worker: SET {PrimariesKey(groupId, topic)} \"{now}\"");
            }
        }
    }

    private static Dictionary<string, string> Primaries(string incarnation) =>
        incarnation.Split(',').Select(primary => primary.Split('=')).ToDictionary(parts => parts[0], parts => parts[^1]);

    private void CollectOffsets(IReadOnlyList<ConsumeResult<string, byte[]>> batch)
    {
        _firstOffsets.Clear();
        _lastOffsets.Clear();
        foreach (var message in batch)
        {
            var partition = message.Partition.Value;
            _firstOffsets.TryAdd(partition, message.Offset.Value);
            _lastOffsets[partition] = message.Offset.Value;
        }
    }

    /// <summary>
    /// Reads the stored position of each unverified partition in <paramref name="readFrom"/> (partition -> the
    /// offset the loop reads next) and seeks back those where Redis is behind, into <see cref="_soughtBack"/>.
    /// </summary>
    private async Task VerifyAsync(IConsumer<string, byte[]> consumer, Dictionary<int, long> readFrom)
    {
        _soughtBack.Clear();
        var partitions = readFrom.Keys.Where(_unverified.Contains).ToArray();
        if (partitions.Length == 0)
        {
            return;
        }

        var stored = await redis.GetDatabase().StringGetAsync([.. partitions.Select(p => Key(groupId, topic, p))]).ConfigureAwait(false);
        for (var i = 0; i < partitions.Length; i++)
        {
            var partition = partitions[i];
            var position = stored[i].IsNull ? -1 : (long)stored[i];
            _stored[partition] = position;
            _unverified.Remove(partition);
            if (position + 1 < readFrom[partition])
            {
                SeekBack(consumer, partition, position + 1, readFrom[partition]);
                _soughtBack.Add(partition);
            }
        }
    }

    private void SeekBack(IConsumer<string, byte[]> consumer, int partition, long target, long readFrom)
    {
        var logStart = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), WatermarkTimeout).Low.Value;
        if (target < logStart)
        {
            throw new InvalidOperationException(
                $"Redis lost events it had applied from {topic} partition {partition}: it holds them up to offset {target - 1}, this worker had read up to {readFrom - 1}, " +
                $"and Kafka keeps this partition only from offset {logStart}, so offsets {target}..{logStart - 1} cannot be applied again. " +
                "The worker stops rather than go on without them: restore Redis from a backup that holds them, or accept the loss by storing " +
                $"{logStart - 1} under {Key(groupId, topic, partition)} and restarting.");
        }

        logger.LogWarning(
            "Redis holds {Topic} partition {Partition} only up to offset {Stored} while this worker read from {ReadFrom}: it lost applied events; consuming again from {Target}",
            topic, partition, target - 1, readFrom, target);
        consumer.Seek(new TopicPartitionOffset(topic, partition, target));
    }

    private void SeekToBatchStart(IConsumer<string, byte[]> consumer, HashSet<int> except)
    {
        foreach (var (partition, first) in _firstOffsets)
        {
            if (!except.Contains(partition))
            {
                consumer.Seek(new TopicPartitionOffset(topic, partition, first));
            }
        }
    }
}
