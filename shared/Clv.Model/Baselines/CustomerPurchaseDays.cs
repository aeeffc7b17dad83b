using Clv.Contracts.Transactions;

namespace Clv.Model.Baselines;

/// <summary>
/// One customer's purchases collapsed to days, in date order: several purchases on one day are one
/// transaction with their amounts added, the convention of the published CDNOW analyses.
/// Only <see cref="TransactionKind.Purchase"/> events count.
/// </summary>
public sealed class CustomerPurchaseDays
{
    private CustomerPurchaseDays(string customerId, DateOnly[] days, double[] amounts)
    {
        CustomerId = customerId;
        Days = days;
        Amounts = amounts;
    }

    public string CustomerId { get; }

    public IReadOnlyList<DateOnly> Days { get; }

    /// <summary>The summed amount of each day in <see cref="Days"/>.</summary>
    public IReadOnlyList<double> Amounts { get; }

    /// <summary>Groups events by customer (ordinal id order) and by UTC calendar day.</summary>
    public static IReadOnlyList<CustomerPurchaseDays> FromTransactions(IEnumerable<TransactionEvent> transactions)
    {
        var byCustomer = new Dictionary<string, SortedDictionary<DateOnly, double>>(StringComparer.Ordinal);
        foreach (var transaction in transactions)
        {
            if (transaction.Kind != TransactionKind.Purchase)
            {
                continue;
            }

            if (!byCustomer.TryGetValue(transaction.CustomerId, out var days))
            {
                days = [];
                byCustomer.Add(transaction.CustomerId, days);
            }

            var day = DateOnly.FromDateTime(transaction.OccurredAt.UtcDateTime);
            days[day] = days.GetValueOrDefault(day) + transaction.Amount;
        }

        var customers = new List<CustomerPurchaseDays>(byCustomer.Count);
        foreach (var (customerId, days) in byCustomer.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            customers.Add(new CustomerPurchaseDays(customerId, [.. days.Keys], [.. days.Values]));
        }

        return customers;
    }

    /// <summary>Whether the customer bought in (<paramref name="after"/>, <paramref name="through"/>] and the summed amount.</summary>
    public WindowOutcome OutcomeBetween(DateOnly after, DateOnly through)
    {
        var purchased = false;
        var spend = 0.0;
        for (var i = 0; i < Days.Count; i++)
        {
            if (Days[i] > after && Days[i] <= through)
            {
                purchased = true;
                spend += Amounts[i];
            }
        }

        return new WindowOutcome(purchased, spend);
    }
}
