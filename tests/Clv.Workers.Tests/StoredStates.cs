using Clv.Contracts.Transactions;
using Clv.Model;
using Clv.TestInfrastructure.Reference;
using Clv.Hosting.Redis;
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
            var meta = await db.HashGetAsync(RedisKeys.Meta(customer), "seq");
            if ((long)meta != history.Count)
            {
                return $"{customer}: meta seq {meta}, expected {history.Count}";
            }

            var length = await db.ListLengthAsync(RedisKeys.Sequence(customer));
            if (length != Math.Min(history.Count, window + 1))
            {
                return $"{customer}: {length} sequence entries for {history.Count} events";
            }

            var blob = await db.HashGetAsync(RedisKeys.State(customer), "blob");
            if (blob.IsNull)
            {
                return $"{customer}: no state";
            }

            var stored = new ScoringState(customer, model.Config.HiddenSize);
            if (!ScoringStateCodec.Decode(((ReadOnlyMemory<byte>)blob).Span, stored, model))
            {
                return $"{customer}: state of model {stored.ModelVersion}";
            }

            // Applying an event twice or skipping one moves h and c far beyond the float tolerance.
            var (h, c) = reference.State([.. history.Select(CustomerEvents.From)]);
            var churn = ScoreOracle.Expected(reference, history, history.Count).Churn;
            var lastEvent = history[^1].OccurredAt.UtcDateTime;
            if (stored.SeqNo != history.Count || stored.Lstm.LastEventTime != lastEvent
                || !(Math.Abs(stored.LastChurn - churn) <= ReferenceAgreement.Tolerance * churn))
            {
                return $"{customer}: stored state (seq {stored.SeqNo}, last {stored.Lstm.LastEventTime:O}, churn {stored.LastChurn}) is not the reference's (seq {history.Count}, last {lastEvent:O}, churn {churn})";
            }

            if ((ReferenceAgreement.FirstDifference(h, stored.Lstm.Hidden, "h") ?? ReferenceAgreement.FirstDifference(c, stored.Lstm.Cell, "c")) is { } difference)
            {
                return $"{customer}: stored state differs from the reference's: {difference}";
            }
        }

        return null;
    }
}
