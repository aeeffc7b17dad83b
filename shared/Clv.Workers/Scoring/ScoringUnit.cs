using System.Diagnostics;
using Clv.Contracts.Alerts;
using Clv.Contracts.Scores;
using Clv.Contracts.Transactions;
using Clv.Model;
using Clv.Workers.Alerts;
using Clv.Workers.Faults;
using Clv.Workers.Kafka;
using Clv.Workers.Options;
using Clv.Hosting.Redis;
using Clv.Workers.Redis;
using Clv.Workers.Sequencing;
using Clv.Workers.State;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Clv.Workers.Scoring;

/// <summary>
/// One unit of scoring work, the same for a batch of events (<see cref="Scorer"/>) and a sweep of silent customers
/// (<see cref="RecencySweeper"/>): take the customers' slots from a pool, load their states (pipelined), rebuild
/// those that need it, score (<see cref="ScoreEvent"/>, <see cref="ScoreSilence"/>: both go through the one alert
/// policy), then <see cref="CompleteAsync"/>: wait for the updates and alerts to be acknowledged, write the changed
/// states (pipelined, conditional on seq_no) and file them in the recency index for their next silence threshold.
/// A silence threshold that passed before a customer's next event is re-scored, as of the threshold, before that
/// event: whether the sweeper or the event gets there first, the customer's scores come in one order.
/// </summary>
public sealed class ScoringUnit(
    IConnectionMultiplexer redis,
    ScoringStateStore store,
    ScorePublisher publisher,
    ChurnAlertPolicy policy,
    IOptions<WorkersOptions> options,
    IFaultInjector faults)
{
    private readonly RecencyOptions _recency = options.Value.Recency;
    private readonly CustomerSlotPool _pool = new();
    private readonly Dictionary<string, CustomerSlot> _byCustomer = new(StringComparer.Ordinal);
    private readonly List<CustomerSlot> _slots = [];
    private readonly List<CustomerSlot> _rebuild = [];
    private readonly List<CustomerSlot> _dirty = [];
    private readonly List<Task> _index = [];
    private ScoringModel? _model;
    private int _horizon;
    private int _clvHorizon;

    /// <summary>The model of the unit in hand: read once, so every score of a unit comes from one version.</summary>
    public ScoringModel Model => _model ?? throw new InvalidOperationException("Begin the unit first.");

    /// <summary>The customers of the unit in hand, in the order they were first named.</summary>
    public IReadOnlyList<CustomerSlot> Slots => _slots;

    /// <summary>Starts a unit scored by <paramref name="model"/>; the previous unit's slots go back to the pool.</summary>
    public void Begin(ScoringModel model)
    {
        foreach (var slot in _slots)
        {
            _pool.Return(slot);
        }

        _slots.Clear();
        _byCustomer.Clear();
        _rebuild.Clear();
        _index.Clear();
        _model = model;
        _horizon = publisher.HorizonDays(model);
        _clvHorizon = publisher.ClvHorizonDays(model);
    }

    /// <summary>The customer's slot in this unit (the same one each time the customer is named).</summary>
    public CustomerSlot Slot(string customerId)
    {
        if (!_byCustomer.TryGetValue(customerId, out var slot))
        {
            slot = _pool.Rent(customerId, Model.HiddenSize);
            _byCustomer.Add(customerId, slot);
            _slots.Add(slot);
        }

        return slot;
    }

    public Task LoadAsync() => store.LoadAsync(_slots, Model);

    /// <summary>Marks the slot for a rebuild from its stored events with seq_no below <paramref name="before"/>.</summary>
    public void RebuildBefore(CustomerSlot slot, long before)
    {
        slot.RebuildBefore = before;
        _rebuild.Add(slot);
    }

    public Task RebuildAsync() => _rebuild.Count > 0 ? store.RebuildAsync(_rebuild, Model) : Task.CompletedTask;

    /// <summary>
    /// The silence threshold at which the customer is next due for a re-score (Unix ms), or null when it has
    /// been re-scored for every threshold since its last event (or has none).
    /// </summary>
    public long? NextSilenceDueMs(ScoringState state) =>
        _recency.Enabled ? SilenceSchedule.NextDueMs(state, _recency.Thresholds) : null;

    /// <summary>Re-scores the customer, without a new event, at each silence threshold that passed strictly before <paramref name="nowMs"/>.</summary>
    public int ScoreSilenceUntil(CustomerSlot slot, long nowMs, DeliveryBatch delivery)
    {
        var rescored = 0;
        while (NextSilenceDueMs(slot.State) is { } dueMs && dueMs < nowMs)
        {
            ScoreSilence(slot, dueMs, delivery);
            rescored++;
        }

        return rescored;
    }

    /// <summary>One event: the silence thresholds it passed first, then ONE model step (an LSTM step, or the BG/NBD statistics) and the scores.</summary>
    public void ScoreEvent(CustomerSlot slot, in AppliedEvent e, DeliveryBatch delivery)
    {
        var state = slot.State;
        var eventMs = e.Transaction.OccurredAt.ToUnixTimeMilliseconds();
        ScoreSilenceUntil(slot, eventMs, delivery);
        var customerEvent = CustomerEvents.From(e.Transaction);
        state.Lstm.Advance(Model, customerEvent);
        var scores = state.Lstm.Score(Model, customerEvent.Time, _horizon, _clvHorizon);
        state.SeqNo = e.SeqNo;
        state.ModelVersion = Model.Version;
        state.Partition = e.Partition;
        state.SilenceLevel = 0;
        var purchaseAt = e.Transaction.Kind == TransactionKind.Purchase ? e.Transaction.OccurredAt : slot.Score?.LastPurchaseAt;
        slot.Score = new ReadableScore(e.Transaction.OccurredAt, e.SeqNo, ScoreCause.Event, Model.Version, _horizon, _clvHorizon, scores, e.Transaction.EventId, purchaseAt);
        publisher.Publish(delivery, state.CustomerId, slot.Score, e.Parent);
        Decide(state, e.Transaction.OccurredAt, AlertTrigger.Event, scores, e.Parent, delivery);
        slot.Dirty = true;
    }

    private void ScoreSilence(CustomerSlot slot, long dueMs, DeliveryBatch delivery)
    {
        var state = slot.State;
        var asOf = DateTimeOffset.FromUnixTimeMilliseconds(dueMs);
        var scores = state.Lstm.Score(Model, asOf.UtcDateTime, _horizon, _clvHorizon);
        slot.Score = new ReadableScore(asOf, state.SeqNo, ScoreCause.Recency, Model.Version, _horizon, _clvHorizon, scores, null, slot.Score?.LastPurchaseAt);
        publisher.Publish(delivery, state.CustomerId, slot.Score, default);
        Decide(state, asOf, AlertTrigger.Silence, scores, default, delivery);
        state.SilenceLevel++;
        slot.Dirty = true;
    }

    private void Decide(ScoringState state, DateTimeOffset asOf, AlertTrigger trigger, in ModelScores scores, ActivityContext parent, DeliveryBatch delivery)
    {
        if (policy.Evaluate(state, scores.ChurnProbability, scores.Clv, asOf.ToUnixTimeMilliseconds()) is { } decision)
        {
            publisher.Alert(delivery, Model, state, asOf, trigger, decision, scores, parent);
        }

        state.LastChurn = scores.ChurnProbability;
    }

    /// <summary>
    /// Waits for everything the unit produced to be acknowledged, then writes the changed states with
    /// <see cref="StateScript"/> in <paramref name="mode"/> and files them for their next silence threshold.
    /// Returns the number of changed customers.
    /// </summary>
    public async Task<int> CompleteAsync(DeliveryBatch delivery, string mode)
    {
        await delivery.WhenAcknowledgedAsync(CancellationToken.None).ConfigureAwait(false);
        faults.At(FaultPoint.BeforeStateWrite);
        _dirty.Clear();
        foreach (var slot in _slots)
        {
            if (slot.Dirty)
            {
                _dirty.Add(slot);
            }
        }

        // Filed before the write lands (pipelined with it): a crash in between must not leave a stored state
        // that no sweep will ever find. An entry ahead of its state is harmless: the sweep re-reads the state.
        var db = redis.GetDatabase();
        foreach (var slot in _dirty)
        {
            Reindex(db, slot.State.Partition, slot.State);
        }

        await store.WriteAsync(_dirty, mode).ConfigureAwait(false);
        foreach (var task in _index)
        {
            await task.ConfigureAwait(false);
        }

        _index.Clear();
        return _dirty.Count;
    }

    /// <summary>Files the customer under <paramref name="partition"/> for its next silence threshold, or drops it after the last.</summary>
    public void Reindex(IDatabaseAsync db, int partition, ScoringState state)
    {
        var key = RedisKeys.RecencyDue(partition);
        _index.Add(NextSilenceDueMs(state) is { } dueMs
            ? db.SortedSetAddAsync(key, state.CustomerId, dueMs)
            : db.SortedSetRemoveAsync(key, state.CustomerId));
    }

    /// <summary>Drops the customer from <paramref name="partition"/>'s recency index (it is filed elsewhere now).</summary>
    public void Unindex(IDatabaseAsync db, int partition, string customerId) =>
        _index.Add(db.SortedSetRemoveAsync(RedisKeys.RecencyDue(partition), customerId));
}
