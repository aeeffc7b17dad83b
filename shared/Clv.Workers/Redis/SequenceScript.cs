using Clv.Hosting.Redis;
using StackExchange.Redis;

namespace Clv.Workers.Redis;

/// <summary>
/// Appends a customer's events of one batch (all from one partition, in offset order) to its rolling sequence,
/// each (partition, offset) exactly once and each event id at most once within the dedupe horizon. Keys: the
/// customer's meta hash, sequence list, event-id hash and event-id order list (same <c>{customer}</c> slot).
/// One call per customer and batch, so a customer's events are applied in order even when calls of other
/// customers fail or are retried; atomic because Redis runs a script alone.
/// Returns, per event: its seq_no (a repeat of an applied offset gets the seq_no it was given, found in the
/// window); <see cref="Duplicate"/> when its event id was applied before with the same fingerprint;
/// <see cref="ConflictingDuplicate"/> when that id came with a different one; <see cref="Forgotten"/> for a
/// repeat of an applied offset that has left the window.
/// </summary>
public static class SequenceScript
{
    public const long Forgotten = 0;
    public const long Duplicate = -1;
    public const long ConflictingDuplicate = -2;

    private const int Leading = 3;
    private const int PerEvent = 4;

    public static readonly RedisScript Script = new("""
        local pfield = 'p' .. ARGV[1]
        local last = tonumber(redis.call('HGET', KEYS[1], pfield) or '-1')
        local horizon = tonumber(ARGV[3])
        local results = {}
        for i = 4, #ARGV, 4 do
          local offset = tonumber(ARGV[i])
          local id = ARGV[i + 2]
          local print = ARGV[i + 3]
          local known = redis.call('HGET', KEYS[3], id)
          local seq = 0
          if offset <= last then
            local prefix = ARGV[1] .. ':' .. ARGV[i] .. ':'
            local entries = redis.call('LRANGE', KEYS[2], 0, -1)
            for j = #entries, 1, -1 do
              local e = entries[j]
              if string.sub(e, 1, #prefix) == prefix then
                local nl = string.find(e, '\n', #prefix + 1, true)
                seq = tonumber(string.sub(e, #prefix + 1, nl - 1))
                break
              end
            end
            if seq == 0 and known then
              seq = (known == print) and -1 or -2
            end
          elseif known then
            seq = (known == print) and -1 or -2
            redis.call('HSET', KEYS[1], pfield, ARGV[i])
            last = offset
          else
            seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
            redis.call('HSET', KEYS[1], pfield, ARGV[i])
            redis.call('RPUSH', KEYS[2], ARGV[1] .. ':' .. ARGV[i] .. ':' .. seq .. '\n' .. ARGV[i + 1])
            redis.call('HSET', KEYS[3], id, print)
            if redis.call('RPUSH', KEYS[4], id) > horizon then
              redis.call('HDEL', KEYS[3], redis.call('LPOP', KEYS[4]))
            end
            last = offset
          end
          results[#results + 1] = seq
        end
        redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
        return results
        """);

    /// <summary>
    /// Starts the call for one customer's events from one partition; <paramref name="arguments"/> comes from
    /// <see cref="Arguments"/> with every event set by <see cref="SetEvent"/>, in offset order. The caller awaits
    /// a whole batch of calls (pipelined). <paramref name="horizon"/> is how many of the customer's latest event
    /// ids are remembered (at least the window).
    /// </summary>
    public static Task<RedisResult> ApplyAsync(IDatabaseAsync db, string customerId, int partition, int window, int horizon, RedisValue[] arguments)
    {
        arguments[0] = partition;
        arguments[1] = window;
        arguments[2] = horizon;
        return Script.EvaluateAsync(
            db,
            [RedisKeys.Meta(customerId), RedisKeys.Sequence(customerId), RedisKeys.EventIds(customerId), RedisKeys.EventIdOrder(customerId)],
            arguments);
    }

    /// <summary>The argument array for <paramref name="events"/> events: the leading slots, then four per event.</summary>
    public static RedisValue[] Arguments(int events) => new RedisValue[Leading + (PerEvent * events)];

    /// <summary>Sets event <paramref name="index"/>: its offset, its payload as stored, its event id and its fingerprint.</summary>
    public static void SetEvent(RedisValue[] arguments, int index, long offset, ReadOnlyMemory<byte> payload, string eventId, ulong fingerprint)
    {
        var at = Leading + (PerEvent * index);
        arguments[at] = offset;
        arguments[at + 1] = payload;
        arguments[at + 2] = eventId;
        arguments[at + 3] = fingerprint;
    }
}
