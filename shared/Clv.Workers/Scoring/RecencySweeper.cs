using Clv.Hosting.Telemetry;
using Clv.ModelLifecycle;
using Clv.Workers.Alerts;
using Clv.Workers.Kafka;
using Clv.Workers.Options;
using Clv.Hosting.Redis;
using Clv.Workers.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Clv.Workers.Scoring;

/// <summary>
/// Re-scores silent customers without a new event, as one <see cref="ScoringUnit"/>: for each assigned partition,
/// the customers whose next silence threshold (<c>clv:{recency:pN}:due</c>) passed before the partition's "now"
/// are scored by the heads alone as of the moment each threshold was crossed (no LSTM step), published as a
/// <c>ClvUpdate</c> with cause <c>recency</c>, decided by the same alert policy as events (trigger <c>silence</c>),
/// and filed for the next threshold. "Now" is the partition's event-time clock (<see cref="EventTimeWatermark"/>)
/// or the wall clock; either way a score is computed as of its due time, not as of when the sweep ran.
/// </summary>
public sealed class RecencySweeper(
    IConnectionMultiplexer redis,
    ActiveModel activeModel,
    ScoringUnit unit,
    EventTimeWatermark watermark,
    IOptions<WorkersOptions> options,
    TimeProvider clock)
{
    private readonly RecencyOptions _recency = options.Value.Recency;
    private readonly List<(int Partition, long NowMs, Task<RedisValue[]> Due)> _due = [];
    private readonly List<(int Partition, long NowMs, string Customer)> _candidates = [];

    /// <summary>Sweeps the given partitions once; returns the number of customers re-scored.</summary>
    public async Task<int> SweepAsync(IReadOnlyCollection<int> partitions, DeliveryBatch delivery)
    {
        if (!_recency.Enabled || _recency.Thresholds.Length == 0 || !activeModel.IsLoaded)
        {
            return 0;
        }

        var db = redis.GetDatabase();
        _due.Clear();
        foreach (var partition in partitions)
        {
            if (Now(partition) is { } nowMs)
            {
                // Strictly before now: an event at exactly the due time would still come first.
                _due.Add((partition, nowMs, db.SortedSetRangeByScoreAsync(RedisKeys.RecencyDue(partition), double.NegativeInfinity, nowMs, Exclude.Stop, take: _recency.MaxPerSweep)));
            }
        }

        _candidates.Clear();
        foreach (var (partition, nowMs, due) in _due)
        {
            foreach (var customer in await due.ConfigureAwait(false))
            {
                _candidates.Add((partition, nowMs, customer!));
            }
        }

        if (_candidates.Count == 0)
        {
            return 0;
        }

        unit.Begin(activeModel.Current);
        foreach (var (_, _, customer) in _candidates)
        {
            unit.Slot(customer);
        }

        await unit.LoadAsync().ConfigureAwait(false);
        foreach (var slot in unit.Slots)
        {
            if (slot.Found && !slot.IsCurrent)
            {
                unit.RebuildBefore(slot, slot.State.SeqNo + 1);
            }
        }

        await unit.RebuildAsync().ConfigureAwait(false);
        foreach (var (partition, nowMs, customer) in _candidates)
        {
            var slot = unit.Slot(customer);
            if (!slot.Found || slot.State.Partition != partition || slot.State.Lstm.LastEventTime is null)
            {
                // Filed under another partition since, or never scored: not this shard's customer.
                unit.Unindex(db, partition, customer);
            }
            else if (unit.ScoreSilenceUntil(slot, nowMs, delivery) == 0)
            {
                unit.Reindex(db, partition, slot.State); // filed too early (an event moved it): file it right
            }
        }

        var rescored = await unit.CompleteAsync(delivery, StateScript.SweepMode).ConfigureAwait(false);
        ClvTelemetry.EventsProcessed.Add(rescored, new KeyValuePair<string, object?>("stage", "recency"));
        return rescored;
    }

    private long? Now(int partition)
    {
        if (_recency.Clock == RecencyClock.WallClock)
        {
            return clock.GetUtcNow().ToUnixTimeMilliseconds();
        }

        return watermark.TryGetNow(partition, out var nowMs) ? nowMs : null;
    }
}
