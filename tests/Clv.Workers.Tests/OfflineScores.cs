using Clv.Contracts.Json;
using Clv.Contracts.Scores;
using Clv.Contracts.Transactions;
using Clv.Model;
using Clv.Model.Data;
using Clv.Workers.State;
using Confluent.Kafka;

namespace Clv.Workers.Tests;

/// <summary>What Clv.Model predicts offline (full forward pass over the sequence) and what the stored state should be.</summary>
public static class OfflineScores
{
    public static ModelScores Expected(MtlLstmModel model, List<TransactionEvent> history, int count)
    {
        var events = new CustomerEvent[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = CustomerEvents.From(history[i]);
        }

        return CustomerState.ScoreSequence(model, events, events[^1].Time, model.Config.HorizonDays, model.Config.ClvHorizonDays);
    }

    public static List<ClvUpdate> Updates(IEnumerable<ConsumeResult<string, byte[]>> messages) =>
        [.. messages.Select(m => ClvJson.Deserialize<ClvUpdate>(m.Message.Value))];

    /// <summary>Every event has an update, repeats are identical, and each equals the offline prediction (1e-5); returns the first difference found.</summary>
    public static string? FirstMismatch(MtlLstmModel model, Dictionary<string, List<TransactionEvent>> histories, List<ClvUpdate> updates)
    {
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
                var expected = Expected(model, history, seq);
                if (update.AsOf != history[seq - 1].OccurredAt || update.ModelVersion != model.Version
                    || Math.Abs(update.ChurnProbability - expected.ChurnProbability) > 1e-5
                    || Math.Abs(update.ExpectedSpend - expected.ExpectedSpend) > 1e-5 * Math.Max(1, Math.Abs(expected.ExpectedSpend))
                    || Math.Abs(update.Clv - expected.Clv) > 1e-5 * Math.Max(1, Math.Abs(expected.Clv))
                    || Math.Abs(update.ClvP90 - expected.ClvP90) > 1e-5 * Math.Max(1, Math.Abs(expected.ClvP90)))
                {
                    return $"{customer} seq {seq}: streamed {update} but offline {expected}";
                }
            }
        }

        return byKey.Keys.FirstOrDefault(k => !histories.ContainsKey(k.CustomerId) || k.SeqNo > histories[k.CustomerId].Count) is { CustomerId: not null } extra
            ? $"unexpected update {extra}"
            : null;
    }
}
