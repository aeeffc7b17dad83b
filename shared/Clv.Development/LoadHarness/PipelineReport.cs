using System.Globalization;
using System.Text;

namespace Clv.Development.LoadHarness;

/// <summary>Formats harness results as a Markdown table (ready for docs/benchmarks.md) with the comparisons as ratios.</summary>
public static class PipelineReport
{
    public static string Markdown(IReadOnlyList<PipelineResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| # | scenario | events/s | p50 ms | p99 ms | p99.9 ms | max ms | peak working set MB | peak heap MB | allocated B/event | gen0 / gen2 GCs | Redis used MB | worker CPU µs/event | redis-server CPU µs/event |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            text.AppendLine(Invariant($"| {i + 1} | {r.Scenario.Name} | {r.EventsPerSecond:N0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.P999Ms:F2} | {r.MaxMs:F1} | {r.PeakWorkingSetMb:F0} | {r.PeakManagedHeapMb:F0} | {r.AllocatedBytesPerEvent:N0} | {r.Gen0Collections} / {r.Gen2Collections} | {r.RedisUsedMemoryMb:F0} | {r.WorkerCpuMicrosecondsPerEvent:F1} | {r.RedisCpuMicrosecondsPerEvent:F1} |"));
        }

        return text.ToString();
    }

    /// <summary>Throughput of each result divided by that of <paramref name="baseline"/>, one line per comparison.</summary>
    public static string Ratio(string comparison, PipelineResult result, PipelineResult baseline) =>
        Invariant($"- {comparison}: {result.EventsPerSecond / baseline.EventsPerSecond:F2}x ({result.EventsPerSecond:N0} vs {baseline.EventsPerSecond:N0} events/s)");

    /// <summary>The comparisons of <see cref="PipelineHarness.RunSuite"/>'s rows.</summary>
    public static string SuiteRatios(IReadOnlyList<PipelineResult> suite) => string.Join(Environment.NewLine,
        Ratio("pipelined batches vs one round trip per event (fused, 1 thread; rows 2/1)", suite[1], suite[0]),
        Ratio("split vs fused (1 thread per stage; rows 3/2)", suite[2], suite[1]),
        Ratio("2 vs 1 worker threads (fused; rows 4/2)", suite[3], suite[1]),
        Ratio("2 vs 1 worker threads (split; rows 5/3)", suite[4], suite[2]));

    /// <summary>Per sampled scenario, its allocated types with share and bytes per event (empty when none were sampled).</summary>
    public static string Allocations(IReadOnlyList<PipelineResult> results)
    {
        var text = new StringBuilder();
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Allocations.Count == 0)
            {
                continue;
            }

            text.AppendLine().AppendLine(Invariant($"Allocations of row {i + 1} ({results[i].Scenario.Name}), sampled by type:"));
            text.AppendLine("| type | share | B/event |").AppendLine("| --- | ---: | ---: |");
            foreach (var a in results[i].Allocations)
            {
                text.AppendLine(Invariant($"| {a.Type} | {a.Share:P0} | {a.BytesPerEvent:N0} |"));
            }
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
