using Clv.Contracts.Scores;
using Clv.Hosting.Telemetry;
using Clv.Workers.Alerts;
using Clv.Workers.Faults;
using Clv.Workers.Kafka;
using Clv.Workers.Options;
using Clv.Workers.Positions;
using Clv.Workers.Redis;
using Clv.Workers.Sequencing;
using Clv.Workers.State;
using StackExchange.Redis;

namespace Clv.Workers.Scoring;

/// <summary>
/// Scores a batch of applied events incrementally: load the customers' states (pipelined), rebuild those
/// computed by another model version or missing an event (from the rolling sequence), run ONE LSTM step and
/// the heads per event, publish the updates and alerts and wait for their acknowledgement, then write the
/// states conditionally on seq_no (pipelined). An event whose seq_no the stored state already includes is
/// skipped: its update was acknowledged before that state was written. So a crash at any point leaves Redis
/// as if each event were applied once, and a replay only repeats identical updates.
/// </summary>
public sealed class Scorer(
    IConnectionMultiplexer redis,
    ActiveModel activeModel,
    ScoringStateStore store,
    ScorePublisher publisher,
    ChurnAlertPolicy policy,
    EventTimeWatermark watermark,
    WorkersOptions options,
    IFaultInjector faults,
    RedisIncarnation incarnation)
{
    private readonly Dictionary<string, CustomerSlot> _slots = new(StringComparer.Ordinal);
    private readonly List<CustomerSlot> _all = [];
    private readonly List<CustomerSlot> _rebuild = [];
    private readonly List<CustomerSlot> _dirty = [];
    private readonly List<Task> _index = [];

    public async Task ProcessAsync(IReadOnlyList<AppliedEvent> events, DeliveryBatch delivery)
    {
        var model = activeModel.Current; // once per batch: every event of the batch is scored by one version
        _slots.Clear();
        _all.Clear();
        foreach (var e in events)
        {
            if (!_slots.ContainsKey(e.Transaction.CustomerId))
            {
                var slot = new CustomerSlot(new ScoringState(e.Transaction.CustomerId, model.Config.HiddenSize));
                _slots.Add(e.Transaction.CustomerId, slot);
                _all.Add(slot);
            }
        }

        await store.LoadAsync(_all, model).ConfigureAwait(false);
        _rebuild.Clear();
        foreach (var e in events)
        {
            var slot = _slots[e.Transaction.CustomerId];
            if (slot.Checked || e.SeqNo <= slot.State.SeqNo)
            {
                continue;
            }

            // The first event of this customer still to apply: its predecessor must be in the state.
            slot.Checked = true;
            if (e.SeqNo == 1)
            {
                slot.State.Lstm.Reset();
                slot.State.ModelVersion = model.Version;
            }
            else if (!slot.IsCurrent || e.SeqNo != slot.State.SeqNo + 1)
            {
                slot.RebuildBefore = e.SeqNo;
                _rebuild.Add(slot);
            }
        }

        if (_rebuild.Count > 0)
        {
            await store.RebuildAsync(_rebuild, model).ConfigureAwait(false);
        }

        // States read from a Redis restarted since the batch began may have lost events: nothing may be published from them.
        await incarnation.EnsureUnchangedAsync().ConfigureAwait(false);

        var horizon = publisher.HorizonDays(model);
        var clvHorizon = publisher.ClvHorizonDays(model);
        var applied = 0;
        foreach (var e in events)
        {
            var slot = _slots[e.Transaction.CustomerId];
            var state = slot.State;
            if (e.SeqNo <= state.SeqNo)
            {
                continue;
            }

            var customerEvent = CustomerEvents.From(e.Transaction);
            state.Lstm.Advance(model, customerEvent);
            var scores = state.Lstm.Score(model, customerEvent.Time, horizon, clvHorizon);
            state.SeqNo = e.SeqNo;
            state.ModelVersion = model.Version;
            state.Partition = e.Partition;
            state.SilenceLevel = 0;
            var eventMs = e.Transaction.OccurredAt.ToUnixTimeMilliseconds();
            publisher.Publish(delivery, model, state, e.Transaction.OccurredAt, ScoreCause.Event, scores, e.Parent);
            var cause = policy.OnEvent(!double.IsNaN(state.LastChurn), state.LastChurn, scores.ChurnProbability, state.LastAlertMs, eventMs);
            if (cause is { } alertCause)
            {
                publisher.Alert(delivery, model, state, e.Transaction.OccurredAt, alertCause, state.LastChurn, scores, e.Parent);
                state.LastAlertMs = eventMs;
            }

            state.LastChurn = scores.ChurnProbability;
            watermark.Observe(eventMs);
            slot.Dirty = true;
            applied++;
        }

        await delivery.WhenAcknowledgedAsync(CancellationToken.None).ConfigureAwait(false);
        faults.At(FaultPoint.BeforeStateWrite);

        _dirty.Clear();
        foreach (var slot in _all)
        {
            if (slot.Dirty)
            {
                _dirty.Add(slot);
            }
        }

        var db = redis.GetDatabase();
        _index.Clear();
        if (options.Recency.Enabled && options.Recency.Thresholds.Length > 0)
        {
            var firstThresholdMs = (long)(options.Recency.Thresholds[0] * 86_400_000);
            foreach (var slot in _dirty)
            {
                var lastMs = new DateTimeOffset(slot.State.Lstm.LastEventTime!.Value).ToUnixTimeMilliseconds();
                _index.Add(db.SortedSetAddAsync(RedisKeys.RecencyDue(slot.State.Partition), slot.State.CustomerId, lastMs + firstThresholdMs));
            }
        }

        await store.WriteAsync(_dirty, StateScript.EventMode).ConfigureAwait(false);
        foreach (var task in _index)
        {
            await task.ConfigureAwait(false);
        }

        ClvTelemetry.EventsProcessed.Add(applied, new KeyValuePair<string, object?>("stage", "scorer"));
    }
}
