using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Clv.Development.LoadHarness;

/// <summary>
/// What a scenario allocates, by type: listens to the runtime's GCAllocationTick events (one about every 100 KB
/// allocated, naming the type whose allocation crossed the mark), so each type's share of the ticks estimates its
/// share of the bytes. Sampling, not a census: types below a few percent are noise.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);

    /// <summary>The sampled types with their estimated bytes, largest first, the rest summed as "other".</summary>
    public IReadOnlyList<AllocationShare> Top(int count, long events)
    {
        var total = _bytesByType.Values.Sum();
        var ranked = _bytesByType.OrderByDescending(kv => kv.Value).ToList();
        var top = ranked.Take(count).Select(kv => Share(kv.Key, kv.Value, total, events)).ToList();
        if (ranked.Count > count)
        {
            top.Add(Share("other", ranked.Skip(count).Sum(kv => kv.Value), total, events));
        }

        return top;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.PayloadNames is null)
        {
            return;
        }

        var type = e.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? e.Payload![t] as string : null;
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0
            ? Convert.ToInt64(e.Payload![a], System.Globalization.CultureInfo.InvariantCulture)
            : 0;
        _bytesByType.AddOrUpdate(type ?? "(unnamed)", amount, (_, sum) => sum + amount);
    }

    private static AllocationShare Share(string type, long bytes, long total, long events) =>
        new(type, total > 0 ? bytes / (double)total : 0, events > 0 ? bytes / (double)events : 0);
}
