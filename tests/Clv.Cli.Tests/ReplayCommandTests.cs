using System.CommandLine;
using System.Text;
using System.Text.Json;
using Clv.Contracts.Json;
using Clv.Contracts.Transactions;
using Clv.Hosting.Telemetry;
using Clv.TestInfrastructure;

namespace Clv.Cli.Tests;

[Collection(nameof(KafkaCollection))]
public sealed class ReplayCommandTests(KafkaFixture kafka) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("clv-replay-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Replay_FileWithTwoMalformedRows_ReportsBothByLineAndPublishesTheRestInEventTimeOrder()
    {
        var topic = await CreateTopicAsync(partitions: 1);
        var path = Write("small.csv",
            "customer_id,date,amount,channel",
            "c1,2024-01-03,10.00,web",
            "c2,2024-01-01,5.50,store",
            "c3,not-a-date,1.00,web",
            "c1,2024-01-02T12:00:00Z,7.25,web",
            "c4,2024-01-02,-3,web",
            "c2,2024-01-05,2.00,");

        var (exitCode, output) = await RunAsync("replay", "--file", path, "--topic", topic, "--bootstrap-servers", kafka.BootstrapServers);

        Assert.Equal(0, exitCode);
        Assert.Contains("malformed line 4: date \"not-a-date\"", output);
        Assert.Contains("malformed line 6: amount is -3", output);
        Assert.Contains("rows read 6, published 4, malformed 2, failed 0", output);
        var messages = TopicReader.ReadAll(kafka, topic, partitions: 1, expected: 4);
        var events = messages.Select(m => ClvJson.Deserialize<TransactionEvent>(m.Message.Value)).ToList();
        Assert.Equal(["small:3", "small:5", "small:2", "small:7"], events.Select(e => e.EventId));
        Assert.All(messages, m => Assert.Equal(ClvJson.Deserialize<TransactionEvent>(m.Message.Value).CustomerId, m.Message.Key));
    }

    [Fact]
    public async Task ReplayJson_PrintsOnlyTheSummaryAsJson_WithTheMalformedRowsByLine()
    {
        var topic = await CreateTopicAsync(partitions: 1);
        var path = Write("json.csv",
            "customer_id,date,amount",
            "c1,2024-01-03,10.00",
            "c2,not-a-date,1.00",
            "c3,2024-01-01,5.50");

        var (exitCode, output) = await RunAsync("replay", "--file", path, "--topic", topic, "--bootstrap-servers", kafka.BootstrapServers, "--json");

        Assert.Equal(0, exitCode);
        using var summary = JsonDocument.Parse(output);
        Assert.Equal(3, summary.RootElement.GetProperty("rows_read").GetInt32());
        Assert.Equal(2, summary.RootElement.GetProperty("published").GetInt64());
        Assert.True(summary.RootElement.GetProperty("complete").GetBoolean());
        var malformed = Assert.Single(summary.RootElement.GetProperty("malformed_rows").EnumerateArray());
        Assert.Equal(3, malformed.GetProperty("line").GetInt32());
        Assert.Equal(2, TopicReader.ReadAll(kafka, topic, partitions: 1, expected: 2).Count);
    }

    [Fact]
    public async Task Replay_WithTracingOn_SendsAW3CTraceparentHeader()
    {
        var topic = await CreateTopicAsync(partitions: 1);
        var path = Write("traced.csv", "customer_id,date,amount", "c1,2024-01-01,1");

        using (CliTelemetry.StartTracing())
        {
            await RunAsync("replay", "--file", path, "--topic", topic, "--bootstrap-servers", kafka.BootstrapServers);
        }

        var message = Assert.Single(TopicReader.ReadAll(kafka, topic, partitions: 1, expected: 1));
        Assert.True(message.Message.Headers.TryGetLastBytes(KafkaTraceContext.TraceParentHeader, out var traceparent));
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", Encoding.ASCII.GetString(traceparent));
    }

    [Fact]
    public async Task Replay_MissingFile_IsRefusedBeforeConnecting()
    {
        var (exitCode, _) = await RunAsync("replay", "--file", Path.Combine(_directory, "absent.csv"), "--bootstrap-servers", kafka.BootstrapServers);

        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task Replay_UnreachableKafka_ExitsWithTwoAndSaysSo()
    {
        var path = Write("unreachable.csv", "customer_id,date,amount", "c1,2024-01-01,1");

        var (exitCode, output) = await RunAsync("replay", "--file", path, "--bootstrap-servers", "127.0.0.1:1");

        Assert.Equal(2, exitCode);
        Assert.Contains("cannot reach Kafka at 127.0.0.1:1", output);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("NaN")]
    public async Task Replay_NegativeOrNonFiniteSpeed_IsRefused(string speed)
    {
        var path = Write("speed.csv", "customer_id,date,amount", "c1,2024-01-01,1");

        var (exitCode, _) = await RunAsync("replay", "--file", path, "--speed", speed, "--bootstrap-servers", kafka.BootstrapServers);

        Assert.NotEqual(0, exitCode);
    }

    private async Task<string> CreateTopicAsync(int partitions)
    {
        var topic = $"replay-{Guid.NewGuid():N}";
        await kafka.CreateTopicAsync(topic, partitions);
        return topic;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var console = PlainConsole.Into(output);
        var root = new RootCommand { new ReplayCommand(console) };
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        return (exitCode, output.ToString());
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }
}
