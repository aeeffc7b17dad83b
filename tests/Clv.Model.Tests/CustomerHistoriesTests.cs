using Clv.Contracts.Transactions;
using Clv.Model.Data;

namespace Clv.Model.Tests;

public sealed class CustomerHistoriesTests
{
    [Fact]
    public void FromEvents_GroupsByCustomerSortsByTimeAndFlagsRefunds()
    {
        var t = new DateTimeOffset(1997, 1, 1, 0, 0, 0, TimeSpan.Zero);
        TransactionEvent[] events =
        [
            new("e1", "b", t.AddDays(3), 5, "USD", TransactionKind.Purchase),
            new("e2", "a", t.AddDays(2), 7, "USD", TransactionKind.Refund),
            new("e3", "b", t.AddDays(1), 9, "USD", TransactionKind.Purchase),
        ];

        var histories = CustomerHistories.FromEvents(events);

        Assert.Equal(["a", "b"], histories.Select(h => h.CustomerId));
        Assert.Equal([9.0, 5.0], histories[1].Events.Select(e => e.Amount));
        Assert.True(histories[0].Events[0].IsRefund);
    }
}
