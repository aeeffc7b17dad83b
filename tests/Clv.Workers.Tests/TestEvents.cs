using Clv.Contracts.Transactions;

namespace Clv.Workers.Tests;

/// <summary>Deterministic customer histories: each customer's events in time order, interleaved across customers.</summary>
public static class TestEvents
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<TransactionEvent> Generate(string prefix, int customers, int maxEvents, int seed)
    {
        var random = new Random(seed);
        var events = new List<TransactionEvent>();
        for (var c = 0; c < customers; c++)
        {
            var customer = $"{prefix}-c{c}";
            var time = Start.AddHours(random.Next(0, 48));
            var count = 1 + random.Next(maxEvents);
            for (var i = 0; i < count; i++)
            {
                var kind = random.NextDouble() < 0.1 ? TransactionKind.Refund : TransactionKind.Purchase;
                events.Add(new TransactionEvent($"{customer}-e{i}", customer, time, Math.Round(5 + (random.NextDouble() * 95), 2), "USD", kind));
                time = time.AddDays(random.Next(1, 20)).AddMinutes(random.Next(0, 600));
            }
        }

        // Event-time order, as `clv replay` publishes; stable, so a customer's order is kept.
        return [.. events.OrderBy(e => e.OccurredAt)];
    }

    public static Dictionary<string, List<TransactionEvent>> ByCustomer(IEnumerable<TransactionEvent> events)
    {
        var result = new Dictionary<string, List<TransactionEvent>>();
        foreach (var e in events)
        {
            if (!result.TryGetValue(e.CustomerId, out var list))
            {
                result[e.CustomerId] = list = [];
            }

            list.Add(e);
        }

        return result;
    }
}
