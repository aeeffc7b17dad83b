using System.Globalization;
using System.Text;

namespace Clv.Development.LoadHarness;

/// <summary>Formats <see cref="RedisMemoryResult"/> rows as a Markdown table, bytes per customer, against the 1.5 KB target.</summary>
public static class RedisMemoryReport
{
    /// <summary>The issue's target for a customer with a full 64-event window.</summary>
    public const double TargetBytes = 1536;

    public static string Markdown(IReadOnlyList<RedisMemoryResult> rows)
    {
        var kinds = rows.SelectMany(r => r.BytesByKind.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        text.AppendLine($"| events per customer | in window | event JSON B | event id B | {string.Join(" | ", kinds.Select(k => $"`{k}` B"))} | recency index B | MEMORY USAGE total B | vs 1.5 KB | used_memory growth B |");
        text.AppendLine($"| ---: | ---: | ---: | ---: | {string.Join(" | ", kinds.Select(_ => "---:"))} | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
        {
            var perKind = string.Join(" | ", kinds.Select(k => r.BytesByKind.TryGetValue(k, out var b) ? b.ToString("N0", CultureInfo.InvariantCulture) : "-"));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.EventsPerCustomer} | {r.EventsInWindow} | {r.EventJsonBytes:N0} | {r.EventIdBytes:N0} | {perKind} | {r.RecencyIndexBytes:N0} | {r.TotalBytes:N0} | {r.TotalBytes / TargetBytes:F1}x | {r.UsedMemoryBytes:N0} |"));
        }

        text.Append(string.Create(CultureInfo.InvariantCulture, $"Averages over {rows.FirstOrDefault()?.Customers ?? 0:N0} customers per row; MEMORY USAGE ... SAMPLES 0 of every key."));
        return text.ToString();
    }
}
