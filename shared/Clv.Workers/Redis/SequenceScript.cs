using StackExchange.Redis;

namespace Clv.Workers.Redis;

/// <summary>
/// Appends one event to a customer's rolling sequence exactly once per (partition, offset).
/// Keys: the customer's meta hash and sequence list (same <c>{customer}</c> slot). Atomic because Redis runs a
/// script alone: the offset check, the seq_no increment and the append cannot interleave with another writer.
/// Returns {applied (1|0), seq_no}: a repeat of an applied offset returns the seq_no it was given, found in the
/// window, or 0 when it has already left the window (more than W later events of the customer were applied).
/// </summary>
public static class SequenceScript
{
    public static readonly RedisScript Script = new("""
        local pfield = 'p' .. ARGV[1]
        local last = tonumber(redis.call('HGET', KEYS[1], pfield) or '-1')
        local prefix = ARGV[1] .. ':' .. ARGV[2] .. ':'
        if tonumber(ARGV[2]) <= last then
          local entries = redis.call('LRANGE', KEYS[2], 0, -1)
          for i = #entries, 1, -1 do
            local e = entries[i]
            if string.sub(e, 1, #prefix) == prefix then
              local nl = string.find(e, '\n', #prefix + 1, true)
              return {0, tonumber(string.sub(e, #prefix + 1, nl - 1))}
            end
          end
          return {0, 0}
        end
        local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
        redis.call('HSET', KEYS[1], pfield, ARGV[2])
        redis.call('RPUSH', KEYS[2], prefix .. seq .. '\n' .. ARGV[4])
        redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
        return {1, seq}
        """);

    /// <summary>Starts the call (the caller awaits a whole batch of them: pipelined).</summary>
    public static Task<RedisResult> ApplyAsync(IDatabaseAsync db, string customerId, int partition, long offset, int window, ReadOnlyMemory<byte> payload) =>
        Script.EvaluateAsync(
            db,
            [RedisKeys.Meta(customerId), RedisKeys.Sequence(customerId)],
            [partition, offset, window, payload]);
}
