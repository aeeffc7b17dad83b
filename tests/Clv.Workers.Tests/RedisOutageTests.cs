using Clv.ModelLifecycle;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Clv.TestInfrastructure;
using Clv.Workers.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Clv.Workers.Tests;

/// <summary>Redis stops answering for several seconds (its process is frozen with SIGSTOP): the worker backs off and loses nothing.</summary>
[Collection(nameof(WorkersCollection))]
public sealed class RedisOutageTests(KafkaFixture kafka, RedisFixture redis) : IDisposable
{
    private const int InitialDelayMs = 50;
    private const int MaxDelayMs = 150;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly Regex Retry = new(@"on (?<topic>\S+) failed .*retrying the same batch in (?<delay>\d+) ms", RegexOptions.Compiled);
    private readonly int _port = FreeTcpPort.Next();
    private LocalServerProcess? _server;

    [Fact]
    public async Task RedisUnreachable_WorkerBacksOff_ThenResumesWithNothingLost()
    {
        var executable = LocalServerProcess.Locate("redis-server") ?? throw new InvalidOperationException("redis-server is not installed");
        _server = LocalServerProcess.Start(executable, ["--port", _port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        await using var dedicated = await ConnectAsync($"127.0.0.1:{_port}");
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
        await Task.Delay(TimeSpan.FromSeconds(4));
        Signal("CONT");
        var messages = await reader.ReadUntilAsync(
            m => ScoreOracle.DistinctCount(m) >= events.Count, Timeout, "every update after the outage");

        Expect.NoDifference(FirstBackoffNotDoubling(scenario.Log.Lines));
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, "the worker stopped");
        Expect.NoDifference(ScoreOracle.FirstMismatch(model, histories, ScoreOracle.Updates(messages)));
        Expect.NoDifference(await StoredStates.FirstDifferenceAsync(dedicated.GetDatabase(), model, histories));
    }

    /// <summary>
    /// The retries the worker logged during the outage: at least two, each batch's first after the initial delay,
    /// every next one after twice the previous delay up to the maximum. A worker that retried at a fixed pace, or
    /// not at all, fails here.
    /// </summary>
    private static string? FirstBackoffNotDoubling(IEnumerable<string> log)
    {
        var retries = log.Select(line => Retry.Match(line)).Where(m => m.Success).ToList();
        if (retries.Count < 2)
        {
            return $"{retries.Count} retries logged during a 4 s outage with 1 s timeouts";
        }

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

        return retries.Any(r => r.Groups["delay"].Value != InitialDelayMs.ToString()) ? null : "the delay never grew";
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

    private static async Task<ConnectionMultiplexer> ConnectAsync(string endpoint)
    {
        var options = ConfigurationOptions.Parse(endpoint);
        options.AbortOnConnectFail = false;
        options.AsyncTimeout = 1000;
        options.SyncTimeout = 1000;
        options.ConnectRetry = 10;
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        for (var i = 0; i < 100 && !connection.IsConnected; i++)
        {
            await Task.Delay(50);
        }

        return connection;
    }
}
