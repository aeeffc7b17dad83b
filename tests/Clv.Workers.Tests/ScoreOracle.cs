using Clv.Contracts.Json;
using Clv.Contracts.Scores;
using Clv.Contracts.Transactions;
using Clv.Model;
using Clv.Model.Data;
using Clv.TestInfrastructure.Reference;
using Clv.Workers.State;
using Confluent.Kafka;

namespace Clv.Workers.Tests;

/// <summary>
/// What the published updates must be, computed by the reference implementation of the forward pass
/// (Clv.TestInfrastructure/Reference, written from docs/model.md), not by the CustomerState the scorer runs:
/// a wrong step, head or weight in the scorer makes the comparison fail.
/// </summary>
public static class ScoreOracle
{
    public static List<ClvUpdate> Updates(IEnumerable<ConsumeResult<string, byte[]>> messages) =>
        [.. messages.Select(m => ClvJson.Deserialize<ClvUpdate>(m.Message.Value))];

    /// <summary>Event updates of distinct (customer, seq_no): a retried batch may publish one twice, and recency re-scores are not events.</summary>
    public static int DistinctCount(IEnumerable<ConsumeResult<string, byte[]>> messages) =>
        Updates(messages).Where(u => u.Cause == ScoreCause.Event).Select(u => (u.CustomerId, u.SeqNo)).Distinct().Count();

    /// <summary>The reference's scores after the first <paramref name="count"/> events of a history, as of the last of them.</summary>
    public static ReferenceScores Expected(ReferenceModel reference, List<TransactionEvent> history, int count)
    {
        // The scorer's incremental state covers every event since its last rebuild, a rebuilt one the last W:
        // one expectation serves both only for histories no longer than the window.
        if (count > reference.WindowSize)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Histories for the oracle stay within the window ({reference.WindowSize} events).");
        }

        var events = history.Take(count).Select(CustomerEvents.From).ToList();
        return reference.Score(events, events[^1].Time, reference.HorizonDays, reference.ClvHorizonDays);
    }

    /// <summary>
    /// Every event has an update, repeats are identical, and each is the reference's prediction for the history up
    /// to that event under <paramref name="model"/>'s weights; returns the first difference found.
    /// </summary>
    public static string? FirstMismatch(MtlLstmModel model, Dictionary<string, List<TransactionEvent>> histories, List<ClvUpdate> updates)
    {
        var reference = new ReferenceModel(model);
        var byKey = updates.Where(u => u.Cause == ScoreCause.Event).GroupBy(u => (u.CustomerId, u.SeqNo)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (customer, history) in histories)
        {
            for (var seq = 1; seq <= history.Count; seq++)
            {
                if (!byKey.TryGetValue((customer, seq), out var found))
                {
                    return $"{customer} seq {seq}: no update";
                }

                if (found.Distinct().Count() != 1)
                {
                    return $"{customer} seq {seq}: {found.Count} updates that differ";
                }

                var update = found[0];
                if (update.AsOf != history[seq - 1].OccurredAt || update.ModelVersion != model.Version
                    || update.HorizonDays != reference.HorizonDays || update.ClvHorizonDays != reference.ClvHorizonDays)
                {
                    return $"{customer} seq {seq}: streamed {update}, expected as of {history[seq - 1].OccurredAt:O} by {model.Version}";
                }

                if (ReferenceAgreement.FirstDifference(Expected(reference, history, seq), Scores(update)) is { } difference)
                {
                    return $"{customer} seq {seq}: {difference} (streamed {update})";
                }
            }
        }

        return byKey.Keys.FirstOrDefault(k => !histories.ContainsKey(k.CustomerId) || k.SeqNo > histories[k.CustomerId].Count) is { CustomerId: not null } extra
            ? $"unexpected update {extra}"
            : null;
    }

    public static ModelScores Scores(ClvUpdate update) =>
        new(update.ChurnProbability, update.ExpectedSpend, update.SpendP10, update.SpendP90, update.Clv, update.ClvP10, update.ClvP90);
}
