using Clv.Hosting.Redis;
using Clv.Workers.Sequencing;
using StackExchange.Redis;

namespace Clv.Workers.Redis;

/// <summary>
/// Appends a customer's events of one batch (all from one partition, in offset order) to its rolling window
/// (<see cref="CustomerWindowCodec"/>), each (partition, offset) exactly once and each event id at most once within
/// the dedupe horizon. Keys: the customer's window, the hash that marks the storage format before window format 1
/// and the evicted event ids a horizon beyond the window keeps (same <c>{customer}</c> slot); a customer stored in
/// an older format is refused with an error starting <see cref="OldFormatError"/>. It reads the window once and
/// writes only what changed: the header and each new record in place (SETRANGE). One call per customer and batch, so a customer's events are applied in
/// order even when calls of other customers fail or are retried; atomic because Redis runs a script alone.
/// Returns, per event: its seq_no (a repeat of an applied offset gets the seq_no it was given, found in the
/// window); <see cref="Duplicate"/> when its event id was applied before with the same fingerprint;
/// <see cref="ConflictingDuplicate"/> when that id came with a different one; <see cref="Forgotten"/> for a
/// repeat of an applied offset that has left the window; <see cref="PartitionLimit"/> for every event of a call
/// from a partition that would be the customer's 256th (format 2 names a customer's partitions by one byte), a
/// call that writes nothing, so the sequencer dead-letters those events and the partition moves on.
/// Event ids are compared by their 64-bit hashes, in the window and beyond it. The script uses plain Lua string
/// functions only (no <c>struct</c>), so Garnet runs it too; it refuses an offset over
/// <see cref="CustomerWindowCodec.MaxOffset"/> (<c>CLV_WINDOW_LIMIT</c>, which a broker never assigns), writing nothing.
/// </summary>
public static class SequenceScript
{
    public const long Forgotten = 0;
    public const long Duplicate = -1;
    public const long ConflictingDuplicate = -2;
    public const long PartitionLimit = -3;

    /// <summary>The first word of the error the script answers for a customer stored in a format before window format 2.</summary>
    public const string OldFormatError = "CLV_OLD_FORMAT";

    /// <summary>Bytes per evicted event id: its hash and fingerprint, as at the end of a window record.</summary>
    public const int EvictedEntrySize = CustomerWindowCodec.RecordSize - CustomerWindowCodec.IdHashAt;

    /// <summary>The most bytes of an event's part of its record that <see cref="CustomerWindowCodec.WriteEvent"/> writes.</summary>
    public const int MaxEventSize = CustomerWindowCodec.WideRecordSize - CustomerWindowCodec.EventAt;

    private const int Leading = 3;
    private const int PerEvent = 2;

    public static readonly RedisScript Script = new($$"""
        local R, WIDE, EVAT, HASH, E = {{CustomerWindowCodec.RecordSize}}, {{CustomerWindowCodec.WideRecordSize}}, {{CustomerWindowCodec.EventAt}}, {{CustomerWindowCodec.IdHashAt}}, {{EvictedEntrySize}}
        local part, cap, horizon = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
        -- Little-endian unsigned integers (exact below 2^53: seq_nos and 48-bit offsets).
        local function uint(s, at, bytes)
          local n = 0
          for i = at + bytes - 1, at, -1 do n = n * 256 + string.byte(s, i) end
          return n
        end
        local unpack = table.unpack or unpack
        local function le(n, bytes)
          local t = {}
          for i = 1, bytes do t[i] = n % 256 n = math.floor(n / 256) end
          return string.char(unpack(t))
        end
        local w = redis.call('GET', KEYS[1])
        local cap0, n0, m0, size0, last, H = cap, 0, 0, R, 0, {{CustomerWindowCodec.HeaderSize}}
        local offsets, order = {}, {}
        if w then
          if string.byte(w, 1) == {{CustomerWindowCodec.PreviousFormat}} then
            return redis.error_reply('{{OldFormatError}} ' .. KEYS[1] .. ' was written in window format {{CustomerWindowCodec.PreviousFormat}}, which this version does not read: rebuild Redis by replaying the transactions (README, Upgrading from an older storage format)')
          elseif string.byte(w, 1) ~= {{CustomerWindowCodec.Format}} then
            return redis.error_reply('CLV_WINDOW_FORMAT ' .. KEYS[1] .. ' is in window format ' .. string.byte(w, 1) .. '; this version reads {{CustomerWindowCodec.Format}}')
          end
          cap0, n0, m0, size0, last = uint(w, 2, 2), uint(w, 4, 2), string.byte(w, 6), string.byte(w, 7), uint(w, 8, 8)
          for k = 1, m0 do
            local p = uint(w, H + 1, 4)
            offsets[p] = uint(w, H + 5, 6)
            order[k] = p
            H = H + {{CustomerWindowCodec.PartitionEntrySize}}
          end
        elseif redis.call('EXISTS', KEYS[2]) == 1 then
          return redis.error_reply('{{OldFormatError}} ' .. KEYS[2] .. ' was written in the storage format before window format 1, which this version does not read: rebuild Redis by replaying the transactions (README, Upgrading from an older storage format)')
        else
          w = ''
        end
        local last0 = last
        local first0 = last0 - n0 + 1
        -- The record of seq_no s sits in slot (s - 1) mod cap0 of the stored ring, of size0-byte records. Records
        -- are R bytes, or WIDE once the window holds an event that carries its exact time and amount: 'size'.
        local size = size0
        local function slotseq(k) return last0 - ((last0 - 1 - k) % cap0) end
        local function record(s) local at = H + ((s - 1) % cap0) * size0 return string.sub(w, at + 1, at + size0) end
        local function fit(rec) if #rec == size then return rec end return rec .. string.rep('\0', size - #rec) end
        -- The seq_no of the stored record with 'needle' at byte 'at' of the record, searching from slot 'from'.
        local function find(needle, at, from)
          local pos = H + 1 + from * size0 + at
          while true do
            local p = string.find(w, needle, pos, true)
            if not p then return nil end
            local rel = p - H - 1 - at
            if rel % size0 == 0 then
              local k = math.floor(rel / size0)
              if slotseq(k) >= first0 then return slotseq(k), k end
            end
            pos = p + 1
          end
        end
        local added, addedByHash, addedByOffset = {}, {}, {}
        local evicted
        local function verdict(same) if same then return {{Duplicate}} end return {{ConflictingDuplicate}} end
        -- -1 / -2 when the event id was applied (same / other fingerprint), 0 when it is not remembered.
        local function known(hash, fp)
          local s = find(hash, HASH, 0)
          if s then return verdict(string.sub(record(s), HASH + 9, HASH + E) == fp) end
          local a = addedByHash[hash]
          if a then return verdict(string.sub(added[a], HASH + 9, HASH + E) == fp) end
          if horizon > cap then
            evicted = evicted or redis.call('GET', KEYS[3]) or ''
            local pos = 1
            while true do
              local p = string.find(evicted, hash, pos, true)
              if not p then break end
              if (p - 1) % E == 0 then return verdict(string.sub(evicted, p + 8, p + E - 1) == fp) end
              pos = p + 1
            end
          end
          return 0
        end
        -- A record starts with its partition's index in the header's table (from 0) and its offset.
        local index
        for k, p in ipairs(order) do if p == part then index = k - 1 end end
        local results, changed = {}, false
        if not index and #order == {{CustomerWindowCodec.MaxPartitions}} then
          for i = 4, #ARGV, 2 do results[#results + 1] = {{PartitionLimit}} end
          return results
        end
        for i = 4, #ARGV, 2 do
          local offset, ev = tonumber(ARGV[i]), ARGV[i + 1]
          if offset > {{CustomerWindowCodec.MaxOffset}} or (#ev ~= R - EVAT and #ev ~= WIDE - EVAT) then
            return redis.error_reply('CLV_WINDOW_LIMIT ' .. KEYS[1] .. ': offset ' .. ARGV[i] .. ' with a ' .. #ev .. '-byte record; window format {{CustomerWindowCodec.Format}} stores offsets up to {{CustomerWindowCodec.MaxOffset}} and records of ' .. (R - EVAT) .. ' or ' .. (WIDE - EVAT) .. ' bytes')
          end
          if not index then
            order[#order + 1] = part
            index = #order - 1
          end
          local at = string.char(index) .. le(offset, 6)
          local rec = at .. ev
          local hash, fp = string.sub(rec, HASH + 1, HASH + 8), string.sub(rec, HASH + 9, HASH + E)
          local seq = 0
          if offsets[part] and offset <= offsets[part] then
            seq = find(at, 0, 0) or addedByOffset[at] or known(hash, fp)
          else
            offsets[part] = offset
            changed = true
            seq = known(hash, fp)
            if seq == 0 then
              if #rec == WIDE then size = WIDE end
              last = last + 1
              seq = last
              added[#added + 1] = rec
              addedByHash[hash] = #added
              addedByOffset[at] = seq
            end
          end
          results[#results + 1] = seq
        end
        if changed then
          local n = math.min(n0 + #added, cap)
          local first = last - n + 1
          local function stored(s) if s <= last0 then return record(s) end return added[s - last0] end
          if horizon > cap and first > first0 then
            -- Events leaving the window keep their id hash and fingerprint in a ring of horizon - cap entries. The
            -- ring grows by doubling to its full size, written whole (exact size) when it grows, so neither
            -- Redis's greedy preallocation nor a rewrite per event inflates it.
            local ecap = horizon - cap
            local from, length, need = math.max(first0, first - ecap), redis.call('STRLEN', KEYS[3]), 0
            for s = from, first - 1 do need = math.max(need, ((s - 1) % ecap + 1) * E) end
            if need > length then
              local grown = math.min(ecap * E, math.max(need, 2 * length))
              redis.call('SET', KEYS[3], (evicted or redis.call('GET', KEYS[3]) or '') .. string.rep('\0', grown - length))
            end
            for s = from, first - 1 do
              redis.call('SETRANGE', KEYS[3], ((s - 1) % ecap) * E, string.sub(stored(s), HASH + 1, HASH + E))
            end
          end
          local parts = {}
          for k, p in ipairs(order) do parts[k] = le(p, 4) .. le(offsets[p], 6) end
          local header = string.char({{CustomerWindowCodec.Format}}) .. le(cap, 2) .. le(n, 2) .. le(#order, 1) .. le(size, 1) .. le(last, 8) .. table.concat(parts)
          if cap0 == cap and #order == m0 and size0 == size and n0 == last0 and last <= cap then
            -- Not wrapped yet: the slots are the seq_nos in order, so the new records go at the end (one SET at the
            -- exact size: SETRANGE past the end would grow the string by Redis's greedy preallocation).
            for a = 1, #added do added[a] = fit(added[a]) end
            redis.call('SET', KEYS[1], header .. string.sub(w, H + 1) .. table.concat(added))
          elseif cap0 ~= cap or #order ~= m0 or size0 ~= size or #w < H + cap * size then
            -- The header grew, the ring or its records changed size, or it is wrapping for the first time: lay the
            -- window out again.
            local slots, top = {}, -1
            for s = first, last do
              local k = (s - 1) % cap
              slots[k + 1] = fit(stored(s))
              if k > top then top = k end
            end
            for k = 1, top + 1 do slots[k] = slots[k] or string.rep('\0', size) end
            redis.call('SET', KEYS[1], header .. table.concat(slots))
          else
            redis.call('SETRANGE', KEYS[1], 0, header)
            for s = math.max(first, last0 + 1), last do
              redis.call('SETRANGE', KEYS[1], H + ((s - 1) % cap) * size, fit(added[s - last0]))
            end
          end
        end
        return results
        """);

    /// <summary>
    /// Starts the call for one customer's events from one partition; <paramref name="arguments"/> comes from
    /// <see cref="Arguments"/> with every event set by <see cref="SetEvent"/>, in offset order. The caller awaits
    /// a whole batch of calls (pipelined). <paramref name="capacity"/> is how many events the window keeps;
    /// <paramref name="horizon"/> how many of the customer's latest event ids are remembered: beyond the capacity,
    /// the ids that left the window are kept as hashes.
    /// </summary>
    public static Task<RedisResult> ApplyAsync(IDatabaseAsync db, string customerId, int partition, int capacity, int horizon, RedisValue[] arguments)
    {
        arguments[0] = partition;
        arguments[1] = capacity;
        arguments[2] = horizon;
        return Script.EvaluateAsync(
            db,
            [RedisKeys.Window(customerId), RedisKeys.LegacyMeta(customerId), RedisKeys.EvictedEventIds(customerId)],
            arguments);
    }

    /// <summary>The argument array for <paramref name="events"/> events: the leading slots, then two per event.</summary>
    public static RedisValue[] Arguments(int events) => new RedisValue[Leading + (PerEvent * events)];

    /// <summary>
    /// Sets event <paramref name="index"/>: its offset and its part of the record as
    /// <see cref="CustomerWindowCodec.WriteEvent"/> wrote it (the bytes must stay unchanged until the call is answered).
    /// </summary>
    public static void SetEvent(RedisValue[] arguments, int index, long offset, ReadOnlyMemory<byte> record)
    {
        var at = Leading + (PerEvent * index);
        arguments[at] = offset;
        arguments[at + 1] = record;
    }
}
