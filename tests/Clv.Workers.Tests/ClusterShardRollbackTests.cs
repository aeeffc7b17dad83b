using Clv.Hosting.Redis;
using Clv.ModelLifecycle;
using Clv.TestInfrastructure;
using Clv.Workers.Positions;
using StackExchange.Redis;

namespace Clv.Workers.Tests;

/// <summary>
/// Redis Cluster with two primaries: the shard that does not hold the consume loop's positions restarts on an older
/// copy of its AOF. No position shows what that shard lost (its customers' events and seq_nos), so going on would
/// give seq_nos twice; the worker refuses with the reason and the way out, and goes on refusing after a restart
/// until an operator records that the shard was checked.
/// </summary>
[Collection(nameof(WorkersCollection))]
public sealed class ClusterShardRollbackTests(KafkaFixture kafka, RedisFixture redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AShardWithoutThePositionsRestoredFromAnOlderAof_WorkerRefusesToGoOn_AlsoAfterARestart()
    {
        using var cluster = await AofRedisCluster.StartAsync(primaries: 2);
        await using var connection = await AofRedisServer.ConnectAsync(cluster.ConnectionString, timeoutMs: 5000);
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 1);
        await scenario.CreateTopicsAsync();
        var events = TestEvents.Generate(scenario.Prefix, customers: 20, maxEvents: 4, seed: 12);
        var groupId = $"scorer-{scenario.Prefix}";
        var position = PartitionPositions.Key(groupId, scenario.TransactionsTopic, 0);
        var shard = cluster.Nodes.Single(node => node != cluster.NodeOf(connection, position));
        Assert.Contains(events, e => cluster.NodeOf(connection, RedisKeys.Window(e.CustomerId)) == shard);
        var settings = new Dictionary<string, string?> { ["Workers:Recency:Enabled"] = "false", ["Workers:Batch:MaxSize"] = "10" };
        var host = await scenario.StartAsync(fused: true, new ActiveModel(TestModels.Create()), redis: connection, settings: settings);

        await scenario.ProduceAsync(events.Take(events.Count / 2));
        await StoredPosition.WaitForAsync(connection, position, (events.Count / 2) - 1, Timeout);
        var snapshot = shard.Snapshot();
        await scenario.ProduceAsync(events.Skip(events.Count / 2));
        await StoredPosition.WaitForAsync(connection, position, events.Count - 1, Timeout);
        shard.RestartFrom(snapshot);
        await cluster.WaitUntilOkAsync();
        await scenario.WaitForCrashAsync(host, Timeout);
        var refusals = Refusals(scenario, shard);
        var restarted = await scenario.StartAsync(fused: true, new ActiveModel(TestModels.Create()), redis: connection, settings: settings);
        await scenario.WaitForCrashAsync(restarted, Timeout);

        Assert.True(refusals > 0, "the worker did not say why it stopped");
        Assert.True(Refusals(scenario, shard) > refusals, "the restarted worker did not refuse as well");
        Assert.Contains(scenario.Log.Lines, line => line.Contains($"SET {PartitionPositions.PrimariesKey(groupId, scenario.TransactionsTopic)} ", StringComparison.Ordinal));
    }

    private static int Refusals(PipelineScenario scenario, AofRedisServer shard) =>
        scenario.Log.Lines.Count(line => line.Contains($"Redis primary {shard.ConnectionString} restarted, failed over or joined", StringComparison.Ordinal)
            && line.Contains("cannot tell whether it lost writes it had acknowledged", StringComparison.Ordinal));
}
