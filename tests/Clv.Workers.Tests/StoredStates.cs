using Clv.Contracts.Transactions;
using Clv.Model;
using Clv.Workers.Redis;
using Clv.Workers.State;
using StackExchange.Redis;

namespace Clv.Workers.Tests;

/// <summary>Compares what Redis holds per customer with one clean application of its whole history.</summary>
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

            var clean = new CustomerState(model.Config.HiddenSize);
            foreach (var e in history)
            {
                clean.Advance(model, CustomerEvents.From(e));
            }

            // The LSTM state must be bit-exact; the heads' churn agrees with the offline pass to the tolerance the
            // published updates are held to (seen 6e-8 apart with h and c equal, on a CDNOW customer with 80 events).
            var churn = OfflineScores.Expected(model, history, history.Count).ChurnProbability;
            if (stored.SeqNo != history.Count || !stored.Lstm.Hidden.AsSpan().SequenceEqual(clean.Hidden) || !stored.Lstm.Cell.AsSpan().SequenceEqual(clean.Cell)
                || stored.Lstm.LastEventTime != clean.LastEventTime || Math.Abs(stored.LastChurn - churn) > 1e-5)
            {
                return $"{customer}: stored state (seq {stored.SeqNo}, last {stored.Lstm.LastEventTime:O}, churn {stored.LastChurn}) differs from a clean run (seq {history.Count}, last {clean.LastEventTime:O}, churn {churn})";
            }
        }

        return null;
    }
}
