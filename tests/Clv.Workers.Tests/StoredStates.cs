using Clv.Contracts.Transactions;
using Clv.Model;
using Clv.TestInfrastructure.Reference;
using Clv.Hosting.Redis;
using Clv.Workers.Sequencing;
using Clv.Workers.State;
using StackExchange.Redis;

namespace Clv.Workers.Tests;

/// <summary>Compares what Redis holds per customer with the reference's state after one application of its whole history.</summary>
public static class StoredStates
{
    /// <summary>
    /// <see cref="FirstDifferenceAsync"/> once the states settle: after a fault, lost events are applied again some
    /// time later. Compares until there is no difference or <paramref name="timeout"/> passes; a comparison Redis
    /// does not answer (the test's own connection meeting a restarted server, a loaded machine) counts as unsettled.
    /// </summary>
    public static async Task<string?> SettledDifferenceAsync(IConnectionMultiplexer redis, MtlLstmModel model, Dictionary<string, List<TransactionEvent>> histories, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            string? difference;
            try
            {
                difference = await FirstDifferenceAsync(redis.GetDatabase(), model, histories);
            }
            catch (Exception error) when (error is RedisException or RedisTimeoutException)
            {
                difference = $"Redis did not answer the comparison: {error.Message}";
            }

            if (difference is null || DateTime.UtcNow > deadline)
            {
                return difference;
            }

            await Task.Delay(500);
        }
    }

    public static async Task<string?> FirstDifferenceAsync(IDatabase db, MtlLstmModel model, Dictionary<string, List<TransactionEvent>> histories, int window = 64)
    {
        var reference = new ReferenceModel(model);
        foreach (var (customer, history) in histories)
        {
            if (await CustomerWindowStore.ReadAsync(db, customer) is not { } sequence)
            {
                return $"{customer}: no window";
            }

            if (sequence.LastSeqNo != history.Count)
            {
                return $"{customer}: last seq_no {sequence.LastSeqNo}, expected {history.Count}";
            }

            var ids = history.Select(e => CustomerWindowCodec.IdHash(e.EventId)).ToHashSet();
            if (sequence.Records.Count != Math.Min(history.Count, window + 1) || !sequence.Records.All(r => ids.Contains(r.EventIdHash)))
            {
                return $"{customer}: window holds {sequence.Records.Count} events (id hashes {string.Join(", ", sequence.Records.Select(r => r.EventIdHash))}) for its {history.Count}";
            }

            var blob = await db.HashGetAsync(RedisKeys.State(customer), "blob");
            if (blob.IsNull)
            {
                return $"{customer}: no state";
            }

            var state = new ScoringState(customer, model.Config.HiddenSize);
            if (!ScoringStateCodec.Decode(((ReadOnlyMemory<byte>)blob).Span, state, model))
            {
                return $"{customer}: state of model {state.ModelVersion}";
            }

            // Applying an event twice or skipping one moves h and c far beyond the float tolerance.
            var (h, c) = reference.State([.. history.Select(CustomerEvents.From)]);
            var churn = ScoreOracle.Expected(reference, history, history.Count).Churn;
            var lastEvent = history[^1].OccurredAt.UtcDateTime;
            if (state.SeqNo != history.Count || state.Lstm.LastEventTime != lastEvent
                || !(Math.Abs(state.LastChurn - churn) <= ReferenceAgreement.Tolerance * churn))
            {
                return $"{customer}: stored state (seq {state.SeqNo}, last {state.Lstm.LastEventTime:O}, churn {state.LastChurn}) is not the reference's (seq {history.Count}, last {lastEvent:O}, churn {churn})";
            }

            if ((ReferenceAgreement.FirstDifference(h, state.Lstm.Hidden, "h") ?? ReferenceAgreement.FirstDifference(c, state.Lstm.Cell, "c")) is { } difference)
            {
                return $"{customer}: stored state differs from the reference's: {difference}";
            }
        }

        return null;
    }
}
