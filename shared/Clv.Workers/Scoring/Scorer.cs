using Clv.Hosting.Telemetry;
using Clv.ModelLifecycle;
using Clv.Workers.Kafka;
using Clv.Workers.Positions;
using Clv.Workers.Redis;
using Clv.Workers.Sequencing;

namespace Clv.Workers.Scoring;

/// <summary>
/// Scores a batch of applied events incrementally as one <see cref="ScoringUnit"/>: load the customers' states,
/// rebuild those computed by another model version or missing an event (from the rolling sequence), run ONE model
/// step and the heads per event, publish the updates and alerts and wait for their acknowledgement, then write the
/// states conditionally on seq_no. An event whose seq_no the stored state already includes is skipped: its update
/// was acknowledged before that state was written. So a crash at any point leaves Redis as if each event were
/// applied once, and a replay only repeats identical updates. Each event moves its partition's event-time clock.
/// </summary>
public sealed class Scorer(ActiveModel activeModel, ScoringUnit unit, EventTimeWatermark watermark, RedisIncarnation incarnation)
{
    public async Task ProcessAsync(IReadOnlyList<AppliedEvent> events, DeliveryBatch delivery)
    {
        unit.Begin(activeModel.Current); // once per batch: every event of the batch is scored by one version
        foreach (var e in events)
        {
            unit.Slot(e.Transaction.CustomerId);
        }

        await unit.LoadAsync().ConfigureAwait(false);
        foreach (var e in events)
        {
            var slot = unit.Slot(e.Transaction.CustomerId);
            if (slot.Checked || e.SeqNo <= slot.State.SeqNo)
            {
                continue;
            }

            // The first event of this customer still to apply: its predecessor must be in the state.
            slot.Checked = true;
            if (e.SeqNo == 1)
            {
                slot.State.Lstm.Reset();
                slot.State.ModelVersion = unit.Model.Version;
            }
            else if (!slot.IsCurrent || e.SeqNo != slot.State.SeqNo + 1)
            {
                unit.RebuildBefore(slot, e.SeqNo);
            }
        }

        await unit.RebuildAsync().ConfigureAwait(false);

        // States read from a Redis restarted since the batch began may have lost events: nothing may be published from them.
        await incarnation.EnsureUnchangedAsync().ConfigureAwait(false);

        var applied = 0;
        foreach (var e in events)
        {
            var slot = unit.Slot(e.Transaction.CustomerId);
            if (e.SeqNo <= slot.State.SeqNo)
            {
                continue;
            }

            unit.ScoreEvent(slot, e, delivery);
            watermark.Observe(e.Partition, e.Transaction.OccurredAt.ToUnixTimeMilliseconds());
            applied++;
        }

        await unit.CompleteAsync(delivery, StateScript.EventMode).ConfigureAwait(false);
        ClvTelemetry.EventsProcessed.Add(applied, new KeyValuePair<string, object?>("stage", "scorer"));
    }
}
