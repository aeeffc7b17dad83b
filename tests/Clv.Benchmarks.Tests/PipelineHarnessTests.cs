using Clv.Development.LoadHarness;
using Clv.TestInfrastructure;
using Clv.Hosting.Redis;
using Clv.Workers.Sequencing;
using StackExchange.Redis;

namespace Clv.Benchmarks.Tests;

/// <summary>The harness measures real work: every event it takes is sequenced and scored once, through either topology.</summary>
public sealed class PipelineHarnessTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const int Events = 3000;

    [Theory]
    [InlineData(Topology.Fused, 1)]
    [InlineData(Topology.Fused, 2)]
    [InlineData(Topology.Split, 2)]
    public async Task Run_BoundedByEventCount_ScoresEveryEventOnce(Topology topology, int threads)
    {
        // A database of its own: the key scan below counts every state in it.
        using var lease = RedisDatabaseLease.Acquire(redis.ConnectionString);
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"{lease.ConnectionString},allowAdmin=true");
        var options = new PipelineHarnessOptions { Customers = 300, Warmup = TimeSpan.Zero, Duration = TimeSpan.FromMinutes(2), MaxEvents = Events };
        var harness = new PipelineHarness(connection, options, flushBetweenScenarios: false);

        var result = harness.Run(new PipelineScenario("test", topology, threads, BatchSize: 100));

        var scored = 0L;
        var sequenced = 0L;
        var db = connection.GetDatabase();
        // The worker threads' customers (…-w{thread}-c{rank}), not the one event the harness sends first to load the scripts.
        foreach (var key in connection.GetServers()[0].Keys(lease.Database, RedisKeys.CustomerPrefix + "{*-w[0-9]-c*}:state"))
        {
            scored += (long)await db.HashGetAsync(key, "seq");
            var customer = RedisKeys.CustomerIdOf(key.ToString())!;
            sequenced += (await CustomerWindowStore.ReadAsync(db, customer))!.LastSeqNo;
        }

        Assert.Equal((Events, Events, Events), (result.Events, sequenced, scored));
    }
}
