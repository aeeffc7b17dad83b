using System.Diagnostics;
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
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
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
            settings: new Dictionary<string, string?> { ["Workers:Recency:Enabled"] = "false" });
        using var reader = scenario.Reader(scenario.UpdatesTopic);
        await scenario.ProduceAsync(events.Take(half));
        await reader.ReadUntilAsync(m => m.Count >= half, Timeout, "the first half of the updates");

        Signal("STOP");
        await scenario.ProduceAsync(events.Skip(half));
        await Task.Delay(TimeSpan.FromSeconds(4));
        Signal("CONT");
        var messages = await reader.ReadUntilAsync(
            m => OfflineScores.DistinctCount(m) >= events.Count, Timeout, "every update after the outage");

        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, "the worker stopped");
        Expect.NoDifference(OfflineScores.FirstMismatch(model, histories, OfflineScores.Updates(messages)));
        Expect.NoDifference(await StoredStates.FirstDifferenceAsync(dedicated.GetDatabase(), model, histories));
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
