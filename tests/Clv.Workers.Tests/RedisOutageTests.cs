using Clv.ModelLifecycle;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Clv.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Clv.Workers.Tests;

/// <summary>
/// Redis stops answering (its process is frozen with SIGSTOP) until the worker has retried twice: the worker
/// backs off, doubling its delay up to the maximum, and loses nothing.
/// </summary>
[Collection(nameof(WorkersCollection))]
public sealed class RedisOutageTests(KafkaFixture kafka, RedisFixture redis) : IDisposable
{
    private const int InitialDelayMs = 50;
    private const int MaxDelayMs = 75;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly Regex Retry = new(@"on (?<topic>\S+) failed .*retrying the same batch in (?<delay>\d+) ms", RegexOptions.Compiled);
    private readonly int _port = FreeTcpPort.Next();
    private LocalServerProcess? _server;

    [Fact]
    public async Task RedisUnreachable_WorkerBacksOff_ThenResumesWithNothingLost()
    {
        var executable = LocalServerProcess.Locate("redis-server") ?? throw new InvalidOperationException("redis-server is not installed");
        _server = LocalServerProcess.Start(executable, ["--port", _port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        await using var dedicated = await AofRedisServer.ConnectAsync($"127.0.0.1:{_port}");
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 2);
        await scenario.CreateTopicsAsync();
        var model = TestModels.Create();
        var events = TestEvents.Generate(scenario.Prefix, customers: 20, maxEvents: 6, seed: 4);
        var histories = TestEvents.ByCustomer(events);
        var half = events.Count / 2;
        var host = await scenario.StartAsync(fused: true, new ActiveModel(model), redis: dedicated,
            settings: new Dictionary<string, string?>
            {
                ["Workers:Recency:Enabled"] = "false",
                ["Workers:Retry:InitialDelayMs"] = InitialDelayMs.ToString(),
                ["Workers:Retry:MaxDelayMs"] = MaxDelayMs.ToString(),
            });
        using var reader = scenario.Reader(scenario.UpdatesTopic);
        await scenario.ProduceAsync(events.Take(half));
        await reader.ReadUntilAsync(m => m.Count >= half, Timeout, "the first half of the updates");

        Signal("STOP");
        await scenario.ProduceAsync(events.Skip(half));
        // As long as the retries take, not a fixed time: each failed attempt lasts as long as Redis timeouts take.
        await WaitForRetriesAsync(scenario.Log, count: 2);
        Signal("CONT");
        var messages = await reader.ReadUntilAsync(
            m => ScoreOracle.DistinctCount(m) >= events.Count, Timeout, "every update after the outage");

        Expect.NoDifference(FirstBackoffNotDoubling(scenario.Log.Lines));
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, "the worker stopped");
        Expect.NoDifference(ScoreOracle.FirstMismatch(model, histories, ScoreOracle.Updates(messages)));
        Expect.NoDifference(await StoredStates.FirstDifferenceAsync(dedicated.GetDatabase(), model, histories));
    }

    private static async Task WaitForRetriesAsync(RecordingLoggerProvider log, int count)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (Retries(log.Lines).Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"The worker logged {Retries(log.Lines).Count} retries of {count} within {Timeout} of Redis freezing:{Environment.NewLine}{string.Join(Environment.NewLine, log.Lines.TakeLast(20))}");
            }

            await Task.Delay(100);
        }
    }

    private static List<Match> Retries(IEnumerable<string> log) => [.. log.Select(line => Retry.Match(line)).Where(m => m.Success)];

    /// <summary>
    /// The retries the worker logged: each batch's first after the initial delay, every next one after twice the
    /// previous delay up to the maximum, which the second retry reaches (50, then min(100, 75) ms). A worker that
    /// retried at a fixed pace, or without a cap, fails here.
    /// </summary>
    private static string? FirstBackoffNotDoubling(IEnumerable<string> log)
    {
        var retries = Retries(log);
        var previous = new Dictionary<string, int>();
        foreach (var retry in retries)
        {
            var topic = retry.Groups["topic"].Value;
            var delay = int.Parse(retry.Groups["delay"].Value);
            var expected = previous.TryGetValue(topic, out var last) ? Math.Min(2 * last, MaxDelayMs) : InitialDelayMs;
            if (delay != expected && delay != InitialDelayMs)
            {
                return $"retry on {topic} after {delay} ms, expected {expected} ms (or {InitialDelayMs} ms for a new batch): {retry.Value}";
            }

            previous[topic] = delay;
        }

        return retries.Any(r => int.Parse(r.Groups["delay"].Value) == MaxDelayMs)
            ? null
            : $"{retries.Count} retries, none after the maximum delay {MaxDelayMs} ms";
    }

    public void Dispose()
    {
        if (_server is not null)
        {
            Signal("CONT");
            _server.Dispose();
        }
    }

    private void Signal(string signal) =>
        Process.Start("kill", ["-" + signal, _server!.Id.ToString()])!.WaitForExit();
}
