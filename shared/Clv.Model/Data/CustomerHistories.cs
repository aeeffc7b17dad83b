using Clv.Contracts.Transactions;

namespace Clv.Model.Data;

public static class CustomerHistories
{
    /// <summary>
    /// Groups events by customer and sorts each customer's events by time (stable, so events
    /// at the same instant keep their input order). Customers come out ordered by id so every
    /// consumer sees the same order whatever order the input had.
    /// </summary>
    public static IReadOnlyList<CustomerHistory> FromEvents(IEnumerable<TransactionEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var byCustomer = new Dictionary<string, List<CustomerEvent>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!byCustomer.TryGetValue(e.CustomerId, out var list))
            {
                list = [];
                byCustomer.Add(e.CustomerId, list);
            }

            list.Add(new CustomerEvent(
                e.OccurredAt.UtcDateTime,
                Math.Abs(e.Amount),
                e.Kind == TransactionKind.Refund,
                e.Category,
                e.Channel));
        }

        var ids = byCustomer.Keys.ToArray();
        Array.Sort(ids, StringComparer.Ordinal);
        var histories = new CustomerHistory[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var sorted = byCustomer[ids[i]].OrderBy(e => e.Time).ToArray();
            histories[i] = new CustomerHistory(ids[i], sorted);
        }

        return histories;
    }
}
