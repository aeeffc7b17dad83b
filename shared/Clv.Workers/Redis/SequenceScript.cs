using StackExchange.Redis;

namespace Clv.Workers.Redis;

/// <summary>
/// Appends a customer's events of one batch (all from one partition, in offset order) to its rolling sequence,
/// each (partition, offset) exactly once. Keys: the customer's meta hash and sequence list (same
/// <c>{customer}</c> slot). One call per customer and batch, so a customer's events are applied in order
/// even when calls of other customers fail or are retried; atomic because Redis runs a script alone.
/// Returns the seq_no of each event: a repeat of an applied offset gets the seq_no it was given, found in
/// the window, or 0 when it has already left the window (more than W later events applied).
/// </summary>
public static class SequenceScript
{
    public static readonly RedisScript Script = new("""
        local pfield = 'p' .. ARGV[1]
        local last = tonumber(redis.call('HGET', KEYS[1], pfield) or '-1')
        local results = {}
        for i = 3, #ARGV, 2 do
          local prefix = ARGV[1] .. ':' .. ARGV[i] .. ':'
          local offset = tonumber(ARGV[i])
          local seq = 0
          if offset <= last then
            local entries = redis.call('LRANGE', KEYS[2], 0, -1)
            for j = #entries, 1, -1 do
              local e = entries[j]
              if string.sub(e, 1, #prefix) == prefix then
                local nl = string.find(e, '\n', #prefix + 1, true)
                seq = tonumber(string.sub(e, #prefix + 1, nl - 1))
                break
              end
            end
          else
            seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
            redis.call('HSET', KEYS[1], pfield, ARGV[i])
            redis.call('RPUSH', KEYS[2], prefix .. seq .. '\n' .. ARGV[i + 1])
            last = offset
          end
          results[#results + 1] = seq
        end
        redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
        return results
        """);

    /// <summary>
    /// Starts the call for one customer's events from one partition: <paramref name="offsetsAndPayloads"/> holds
    /// offset, payload, offset, payload... in offset order. The caller awaits a whole batch of calls (pipelined).
    /// </summary>
    public static Task<RedisResult> ApplyAsync(IDatabaseAsync db, string customerId, int partition, int window, RedisValue[] offsetsAndPayloads)
    {
        offsetsAndPayloads[0] = partition;
        offsetsAndPayloads[1] = window;
        return Script.EvaluateAsync(db, [RedisKeys.Meta(customerId), RedisKeys.Sequence(customerId)], offsetsAndPayloads);
    }

    /// <summary>The argument array for <paramref name="events"/> events: two leading slots, then offset and payload per event.</summary>
    public static RedisValue[] Arguments(int events) => new RedisValue[2 + (2 * events)];
}
