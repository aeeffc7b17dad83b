using System.Buffers;
using System.Diagnostics;
using Clv.Hosting.Telemetry;
using Clv.Model;
using Clv.Model.Data;
using Clv.Hosting.Redis;
using Clv.Workers.Redis;
using Clv.Workers.Sequencing;
using StackExchange.Redis;

namespace Clv.Workers.State;

/// <summary>
/// Reads, rebuilds and writes customers' scoring states, each step pipelined over all the customers of a batch
/// (one round trip per step, not per customer).
/// </summary>
public sealed class ScoringStateStore(IConnectionMultiplexer redis)
{
    private readonly List<CustomerEvent> _events = [];
    private readonly List<Task<RedisResult>> _writes = [];
    private readonly List<byte[]> _buffers = [];
    private readonly ArrayBufferWriter<byte> _scores = new();

    /// <summary>Starts the reads of all the slots' stored states, then decodes them against <paramref name="model"/>.</summary>
    public async Task LoadAsync(IReadOnlyList<CustomerSlot> slots, ScoringModel model)
    {
        var db = redis.GetDatabase();
        var started = Stopwatch.GetTimestamp();
        foreach (var slot in slots)
        {
            slot.Load = db.HashGetAsync(RedisKeys.State(slot.State.CustomerId), "blob");
        }

        foreach (var slot in slots)
        {
            var stored = await slot.Load.ConfigureAwait(false);
            slot.Found = !stored.IsNull;
            slot.IsCurrent = slot.Found && ScoringStateCodec.Decode(((ReadOnlyMemory<byte>)stored).Span, slot.State, model);
        }

        Record(started, "state-load");
    }

    /// <summary>Replays each slot's rolling window (records before <see cref="CustomerSlot.RebuildBefore"/>) through <paramref name="model"/>.</summary>
    /// <exception cref="FormatException">A stored window is not in the current window format.</exception>
    public async Task RebuildAsync(IReadOnlyList<CustomerSlot> slots, ScoringModel model)
    {
        var db = redis.GetDatabase();
        var started = Stopwatch.GetTimestamp();
        foreach (var slot in slots)
        {
            slot.Window = CustomerWindowStore.ReadAsync(db, slot.State.CustomerId);
        }

        foreach (var slot in slots)
        {
            var window = await slot.Window.ConfigureAwait(false);
            _events.Clear();
            foreach (var record in window?.Records ?? [])
            {
                if (record.SeqNo < slot.RebuildBefore)
                {
                    _events.Add(record.ToCustomerEvent());
                }
            }

            slot.State.Lstm.Rebuild(model, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_events));
            slot.State.ModelVersion = model.Version;
            slot.IsCurrent = true;
        }

        Record(started, "rebuild");
    }

    /// <summary>Writes the dirty slots' states and readable scores with <see cref="StateScript"/> in the given mode; returns the slots written.</summary>
    public async Task<int> WriteAsync(IReadOnlyList<CustomerSlot> slots, string mode, List<CustomerSlot>? written = null)
    {
        var db = redis.GetDatabase();
        var started = Stopwatch.GetTimestamp();
        _writes.Clear();
        _buffers.Clear();
        foreach (var slot in slots)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(ScoringStateCodec.SizeOf(slot.State));
            var length = ScoringStateCodec.Encode(slot.State, buffer);
            _buffers.Add(buffer);
            var score = slot.Score ?? throw new InvalidOperationException($"customer {slot.State.CustomerId}: a state is written without its score");
            var start = _scores.WrittenCount;
            ReadableScoreJson.Write(_scores, score);
            _writes.Add(StateScript.WriteAsync(
                db, slot.State.CustomerId, slot.State.SeqNo, buffer.AsMemory(0, length), mode, _scores.WrittenMemory[start..],
                score.EventId ?? string.Empty, score.LastPurchaseAt is { } purchase ? ReadableScoreJson.FormatTime(purchase) : string.Empty));
        }

        var count = 0;
        for (var i = 0; i < _writes.Count; i++)
        {
            if ((long)(await _writes[i].ConfigureAwait(false)) == 1)
            {
                count++;
                written?.Add(slots[i]);
            }
        }

        // Only once every write is answered: a buffer still queued in the multiplexer must not be reused.
        foreach (var buffer in _buffers)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _scores.ResetWrittenCount();

        Record(started, "state-write");
        return count;
    }

    private static void Record(long started, string operation) =>
        ClvTelemetry.RedisLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));
}
