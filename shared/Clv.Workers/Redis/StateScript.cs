using Clv.Hosting.Redis;
using StackExchange.Redis;

namespace Clv.Workers.Redis;

/// <summary>
/// Writes a customer's scoring state only if it moves forward. Key: the customer's state hash. Mode <c>e</c>
/// (an event) writes when seq_no is newer than the stored one, so a replayed batch cannot overwrite a later
/// state; mode <c>s</c> (the recency sweeper) writes only over the same seq_no, so a sweep never overwrites
/// the state of an event it did not see. Atomic: the compare and the write run as one script.
/// The readable score (ARGV[4], see <see cref="State.ReadableScoreJson"/>) is written with the blob; the last
/// event id and purchase time (ARGV[5], ARGV[6]) only when given, so a re-score without an event keeps them.
/// Returns 1 if written, 0 if not.
/// </summary>
public static class StateScript
{
    public const string EventMode = "e";
    public const string SweepMode = "s";

    public static readonly RedisScript Script = new("""
        local cur = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
        local seq = tonumber(ARGV[1])
        if (ARGV[3] == 'e' and seq > cur) or (ARGV[3] == 's' and seq == cur) then
          redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'blob', ARGV[2], 'score', ARGV[4])
          if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'event_id', ARGV[5]) end
          if ARGV[6] ~= '' then redis.call('HSET', KEYS[1], 'purchase_at', ARGV[6]) end
          return 1
        end
        return 0
        """);

    public static Task<RedisResult> WriteAsync(IDatabaseAsync db, string customerId, long seqNo, ReadOnlyMemory<byte> blob, string mode, ReadOnlyMemory<byte> score = default, string eventId = "", string purchaseAt = "") =>
        Script.EvaluateAsync(db, [RedisKeys.State(customerId)], [seqNo, blob, mode, score, eventId, purchaseAt]);
}
