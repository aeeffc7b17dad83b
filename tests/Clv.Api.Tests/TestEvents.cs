using Clv.Contracts.Transactions;
using Clv.Model;
using Clv.Model.Data;
using Clv.Workers.State;

namespace Clv.Api.Tests;

/// <summary>Deterministic customer histories, and what the model predicts for them offline (a full forward pass).</summary>
public static class TestEvents
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<TransactionEvent> Generate(string prefix, int customers, int events, int seed)
    {
        var random = new Random(seed);
        var all = new List<TransactionEvent>();
        for (var c = 0; c < customers; c++)
        {
            var time = Start.AddHours(random.Next(0, 48));
            for (var i = 0; i < events; i++)
            {
                // Every third customer ends with a refund: its last purchase is not its last event.
                var kind = c % 3 == 0 && i == events - 1 ? TransactionKind.Refund : TransactionKind.Purchase;
                all.Add(new TransactionEvent($"{prefix}-c{c}-e{i}", $"{prefix}-c{c}", time, Math.Round(5 + (random.NextDouble() * 95), 2), "USD", kind));
                time = time.AddDays(random.Next(1, 20));
            }
        }

        return [.. all.OrderBy(e => e.OccurredAt)];
    }

    public static Dictionary<string, List<TransactionEvent>> ByCustomer(IEnumerable<TransactionEvent> events) =>
        events.GroupBy(e => e.CustomerId).ToDictionary(g => g.Key, g => g.ToList());

    public static ModelScores Offline(ScoringModel model, List<TransactionEvent> history, int count)
    {
        var events = new CustomerEvent[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = CustomerEvents.From(history[i]);
        }

        return CustomerState.ScoreSequence(model, events, events[^1].Time, model.HorizonDays, model.ClvHorizonDays);
    }
}
