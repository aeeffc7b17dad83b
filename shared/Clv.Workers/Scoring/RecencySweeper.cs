using Clv.Contracts.Scores;
using Clv.Hosting.Telemetry;
using Clv.Workers.Alerts;
using Clv.Workers.Kafka;
using Clv.Workers.Options;
using Clv.Workers.Redis;
using Clv.Workers.State;
using StackExchange.Redis;

namespace Clv.Workers.Scoring;

/// <summary>
/// Re-scores silent customers without a new event: for each assigned partition, the customers whose next
/// silence check is due (<c>clv:{recency:pN}:due</c>) are scored by the heads alone with the time since
/// their last event set to the threshold they crossed (no LSTM step), published as a <see cref="ClvUpdate"/>
/// with cause Recency, alerted with cause Silence (subject to the cooldown), and filed for the next threshold.
/// The score is "as of" the moment the threshold was crossed, so it is the same whenever the sweep runs.
/// </summary>
public sealed class RecencySweeper(
    IConnectionMultiplexer redis,
    ActiveModel activeModel,
    ScoringStateStore store,
    ScorePublisher publisher,
    ChurnAlertPolicy policy,
    EventTimeWatermark watermark,
    WorkersOptions options,
    TimeProvider clock)
{
    private const long DayMs = 86_400_000;

    private readonly List<(int Partition, Task<RedisValue[]> Due)> _due = [];
    private readonly List<(int Partition, CustomerSlot Slot)> _candidates = [];
    private readonly List<CustomerSlot> _slots = [];
    private readonly List<CustomerSlot> _rebuild = [];
    private readonly List<CustomerSlot> _rescored = [];
    private readonly List<CustomerSlot> _written = [];
    private readonly List<Task> _index = [];

    /// <summary>Sweeps the given partitions once; returns the number of customers re-scored.</summary>
    public async Task<int> SweepAsync(IReadOnlyCollection<int> partitions, DeliveryBatch delivery)
    {
        var thresholds = options.Recency.Thresholds;
        if (!options.Recency.Enabled || thresholds.Length == 0 || !activeModel.IsLoaded)
        {
            return 0;
        }

        long nowMs;
        if (options.Recency.Clock == RecencyClock.WallClock)
        {
            nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        }
        else if (watermark.HasValue)
        {
            nowMs = watermark.CurrentMs;
        }
        else
        {
            return 0;
        }

        var model = activeModel.Current;
        var db = redis.GetDatabase();
        _due.Clear();
        foreach (var partition in partitions)
        {
            _due.Add((partition, db.SortedSetRangeByScoreAsync(RedisKeys.RecencyDue(partition), double.NegativeInfinity, nowMs, take: options.Recency.MaxPerSweep)));
        }

        _candidates.Clear();
        _slots.Clear();
        foreach (var (partition, due) in _due)
        {
            foreach (var customer in await due.ConfigureAwait(false))
            {
                var slot = new CustomerSlot(new ScoringState(customer!, model.Config.HiddenSize));
                _candidates.Add((partition, slot));
                _slots.Add(slot);
            }
        }

        if (_slots.Count == 0)
        {
            return 0;
        }

        await store.LoadAsync(_slots, model).ConfigureAwait(false);
        _rebuild.Clear();
        foreach (var slot in _slots)
        {
            if (slot.Found && !slot.IsCurrent)
            {
                slot.RebuildBefore = slot.State.SeqNo + 1;
                _rebuild.Add(slot);
            }
        }

        if (_rebuild.Count > 0)
        {
            await store.RebuildAsync(_rebuild, model).ConfigureAwait(false);
        }

        var horizon = publisher.HorizonDays(model);
        var clvHorizon = publisher.ClvHorizonDays(model);
        _rescored.Clear();
        _index.Clear();
        foreach (var (partition, slot) in _candidates)
        {
            var state = slot.State;
            if (!slot.Found || state.Partition != partition || state.Lstm.LastEventTime is not { } last)
            {
                // Filed under another partition since, or never scored: not this shard's customer.
                _index.Add(db.SortedSetRemoveAsync(RedisKeys.RecencyDue(partition), state.CustomerId));
                continue;
            }

            var lastMs = new DateTimeOffset(last).ToUnixTimeMilliseconds();
            var level = 0;
            while (level < thresholds.Length && lastMs + (long)(thresholds[level] * DayMs) <= nowMs)
            {
                level++;
            }

            if (level > state.SilenceLevel)
            {
                var asOf = DateTimeOffset.FromUnixTimeMilliseconds(lastMs + (long)(thresholds[level - 1] * DayMs));
                var scores = state.Lstm.Score(model, asOf.UtcDateTime, horizon, clvHorizon);
                publisher.Publish(delivery, model, state, asOf, ScoreCause.Recency, scores, default);
                slot.Score = new ReadableScore(asOf, state.SeqNo, ScoreCause.Recency, model.Version, horizon, clvHorizon, scores, null, null);
                if (policy.OnSilence(state.LastAlertMs, asOf.ToUnixTimeMilliseconds()) is { } cause)
                {
                    publisher.Alert(delivery, model, state, asOf, cause, state.LastChurn, scores, default);
                    state.LastAlertMs = asOf.ToUnixTimeMilliseconds();
                }

                state.LastChurn = scores.ChurnProbability;
                state.SilenceLevel = level;
                _rescored.Add(slot);
            }
            else
            {
                Reschedule(db, partition, state, lastMs, thresholds);
            }
        }

        await delivery.WhenAcknowledgedAsync(CancellationToken.None).ConfigureAwait(false);
        _written.Clear();
        await store.WriteAsync(_rescored, StateScript.SweepMode, _written).ConfigureAwait(false);
        foreach (var slot in _written)
        {
            var lastMs = new DateTimeOffset(slot.State.Lstm.LastEventTime!.Value).ToUnixTimeMilliseconds();
            Reschedule(db, slot.State.Partition, slot.State, lastMs, thresholds);
        }

        foreach (var task in _index)
        {
            await task.ConfigureAwait(false);
        }

        ClvTelemetry.EventsProcessed.Add(_rescored.Count, new KeyValuePair<string, object?>("stage", "recency"));
        return _rescored.Count;
    }

    // Files the customer for the first threshold it has not been re-scored for, or drops it after the last.
    private void Reschedule(IDatabaseAsync db, int partition, ScoringState state, long lastMs, double[] thresholds)
    {
        var key = RedisKeys.RecencyDue(partition);
        _index.Add(state.SilenceLevel < thresholds.Length
            ? db.SortedSetAddAsync(key, state.CustomerId, lastMs + (long)(thresholds[state.SilenceLevel] * DayMs))
            : db.SortedSetRemoveAsync(key, state.CustomerId));
    }
}
