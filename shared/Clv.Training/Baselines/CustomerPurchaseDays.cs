using Clv.Model.Data;

namespace Clv.Training.Baselines;

/// <summary>
/// One customer's purchases collapsed to days, in date order: several purchases on one day are one
/// transaction with their amounts added, the convention of the published CDNOW analyses.
/// Refunds do not count.
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

    /// <summary>Collapses a customer's history to purchase days (UTC calendar days); refunds are left out.</summary>
    public static CustomerPurchaseDays From(CustomerHistory history)
    {
        var days = new List<DateOnly>();
        var amounts = new List<double>();
        foreach (var purchase in history.Events)
        {
            if (purchase.IsRefund)
            {
                continue;
            }

            var day = DateOnly.FromDateTime(purchase.Time);
            if (days.Count > 0 && days[^1] == day)
            {
                amounts[^1] += purchase.Amount;
            }
            else
            {
                days.Add(day);
                amounts.Add(purchase.Amount);
            }
        }

        return new CustomerPurchaseDays(history.CustomerId, [.. days], [.. amounts]);
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
