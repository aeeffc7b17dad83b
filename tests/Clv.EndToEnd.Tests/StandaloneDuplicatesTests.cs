using System.Globalization;
using Clv.Contracts.Files;

namespace Clv.EndToEnd.Tests;

/// <summary>
/// Issue 11's acceptance run: the standalone on a CSV holding a CDNOW slice, repeated event ids and hostile customer
/// ids drains, and reports the repeats it skipped.
/// </summary>
[Collection(nameof(InProcessPipelineCollection))]
public sealed class StandaloneDuplicatesTests
{
    private static readonly string[] HostileCustomers = ["models", "recency:p3", "x}y{z"];

    [Fact]
    public async Task UntilDrained_WithRepeatedEventIdsAndHostileCustomerIds_DrainsAndCountsTheRepeats()
    {
        using var slice = CdnowSlice.FirstCustomers(150);
        var events = TransactionFileReader.Load(slice.Path).Events;
        var csv = Path.Combine(Path.GetTempPath(), $"standalone-repeats-{Guid.NewGuid():N}.csv");
        var lines = new List<string> { "event_id,customer_id,date,amount" };
        lines.AddRange(events.Select(Row));
        foreach (var customer in HostileCustomers)
        {
            lines.Add($"{customer}-1,{customer},1997-02-01,10.00");
            lines.Add($"{customer}-2,{customer},1997-03-01,20.00");
        }

        // Every seventh CDNOW event and each hostile customer's first event come again, unchanged.
        var repeats = events.Where((_, i) => i % 7 == 0).Select(Row).Concat(HostileCustomers.Select(c => $"{c}-1,{c},1997-02-01,10.00")).ToList();
        lines.AddRange(repeats);
        File.WriteAllLines(csv, lines);
        var summary = await StandaloneRun.UntilDrainedAsync(csv);

        File.Delete(csv);
        Assert.Equal(lines.Count - 1, summary.EventsIn);
        Assert.Equal(repeats.Count, summary.Duplicates);
        Assert.Equal(0, summary.DeadLettered);
        Assert.Equal(slice.Customers + HostileCustomers.Length, summary.CustomersWithState);
    }

    private static string Row(Clv.Contracts.Transactions.TransactionEvent e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.EventId},{e.CustomerId},{e.OccurredAt:yyyy-MM-dd},{e.Amount}");
}
