using System.CommandLine;
using System.Text.Json;

namespace Clv.Cli.Tests;

/// <summary>
/// <c>clv bench kafka</c> end to end on a small run: the workers through the Kafka-protocol mock broker against a
/// redis-server the command starts. No figure is asserted beyond what holds on any machine: every paced event's
/// update is read back, its latency is positive, and the percentiles are ordered.
/// </summary>
public sealed class BenchKafkaCommandTests
{
    [Fact]
    public void BenchKafka_ReportsTheEventToUpdateLatencyOfAPacedRun_BesideTheBurstRate()
    {
        var output = new StringWriter();
        var root = new RootCommand { new BenchCommand(output) };
        var exitCode = root.Parse(["bench", "kafka", "--events", "2000", "--partitions", "4", "--customers", "300", "--json"])
            .Invoke(new InvocationConfiguration { Output = output, Error = output });

        Assert.True(exitCode == 0, output.ToString());
        var json = JsonDocument.Parse(output.ToString()).RootElement;
        var burst = json.GetProperty("end_to_end_per_second").GetDouble();
        var paced = json.GetProperty("paced_events_per_second").GetDouble();
        var (p50, p99, max) = (json.GetProperty("paced_p50_ms").GetDouble(), json.GetProperty("paced_p99_ms").GetDouble(), json.GetProperty("paced_max_ms").GetDouble());
        Assert.Equal(burst / 2, paced, 6);
        Assert.True(p50 > 0 && p50 <= p99 && p99 <= max, $"p50 {p50}, p99 {p99}, max {max}");
    }
}
