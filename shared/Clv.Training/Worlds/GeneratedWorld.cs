using System.Globalization;

namespace Clv.Training.Worlds;

/// <summary>A world drawn from a <see cref="WorldSpec"/> with a seed: the customers and their purchases.</summary>
public sealed record GeneratedWorld(WorldSpec Spec, int Seed, IReadOnlyList<GeneratedCustomer> Customers)
{
    /// <summary>The instant of a purchase, truncated to the second as the file stores it.</summary>
    public DateTime TimeOf(double weeks)
    {
        var ticks = (long)(weeks * TimeSpan.TicksPerDay * 7);
        var start = Spec.Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return start.AddTicks(ticks - (ticks % TimeSpan.TicksPerSecond));
    }

    /// <summary>
    /// Writes the canonical CSV <c>clv backtest</c> reads (customer_id,occurred_at,amount; ISO-8601 UTC
    /// timestamps, amounts to the cent), rows in time order.
    /// </summary>
    public void WriteCsv(string path)
    {
        var rows = Customers
            .SelectMany(c => c.Purchases.Select(p => (c.Id, p.Weeks, p.Amount)))
            .OrderBy(row => row.Weeks);
        using var writer = new StreamWriter(path);
        writer.WriteLine("customer_id,occurred_at,amount");
        foreach (var (id, weeks, amount) in rows)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id},{TimeOf(weeks):yyyy-MM-ddTHH:mm:ssZ},{amount:F2}"));
        }
    }
}
