using Clv.ModelLifecycle;
using Clv.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Clv.Workers.Positions;

namespace Clv.Workers.Tests;

/// <summary>
/// Redis loses writes it had acknowledged (restarted on an older AOF mid-replay, as after a host crash with
/// <c>appendfsync everysec</c> or a failover to a lagging replica) after the workers committed those events to
/// Kafka: the workers find it out on their own and apply them again, so states and updates end as one clean run
/// (no event lost, no seq_no given to two events), and events that arrive afterwards continue the right sequence;
/// when Kafka no longer holds the lost events (retention), the worker stops and names them instead of going on.
/// </summary>
[Collection(nameof(WorkersCollection))]
public sealed class RedisRollbackTests(KafkaFixture kafka, RedisFixture redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OlderAofRestoredAfterCommit_WorkersApplyTheLostEventsAgain_AndGiveNoSeqNoTwice(bool fused)
    {
        using var server = new AofRedisServer();
        await using var dedicated = await server.ConnectAsync(timeoutMs: 5000);
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 2);
        await scenario.CreateTopicsAsync();
        var model = TestModels.Create();
        var events = TestEvents.Generate(scenario.Prefix, customers: 20, maxEvents: 6, seed: 5);
        var histories = TestEvents.ByCustomer(events);
        var (beforeSnapshot, lost, afterRestore) = (events.Count / 3, events.Count / 3, events.Count - (2 * (events.Count / 3)));
        var host = await scenario.StartAsync(fused, new ActiveModel(model), redis: dedicated,
            settings: new Dictionary<string, string?> { ["Workers:Recency:Enabled"] = "false", ["Workers:Batch:MaxSize"] = "10" });
        using var reader = scenario.Reader(scenario.UpdatesTopic);

        await scenario.ProduceAsync(events.Take(beforeSnapshot));
        await reader.ReadUntilAsync(m => ScoreOracle.DistinctCount(m) >= beforeSnapshot, Timeout, "the updates before the snapshot");
        var snapshot = server.Snapshot();
        await scenario.ProduceAsync(events.Skip(beforeSnapshot).Take(lost));
        await reader.ReadUntilAsync(m => ScoreOracle.DistinctCount(m) >= beforeSnapshot + lost, Timeout, "the updates Redis will lose");

        server.RestartFrom(snapshot);
        await AofRedisServer.WaitUntilAnswersAsync(dedicated);
        await scenario.ProduceAsync(events.Skip(beforeSnapshot + lost).Take(afterRestore));
        await reader.ReadUntilAsync(m => ScoreOracle.DistinctCount(m) >= events.Count, Timeout, "every update after the restore");
        var difference = await StoredStates.SettledDifferenceAsync(dedicated, model, histories, Timeout);
        await reader.DrainAsync(TimeSpan.FromSeconds(1));

        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, "the worker stopped");
        Expect.NoDifference(ScoreOracle.FirstMismatch(model, histories, ScoreOracle.Updates(reader.Messages)));
        Expect.NoDifference(difference);
        Assert.Contains(scenario.Log.Lines, m => m.Contains("lost applied events", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OlderAofRestored_AfterKafkaRetentionDroppedTheLostEvents_TheWorkerStopsAndNamesTheMissingOffsets()
    {
        using var server = new AofRedisServer();
        await using var dedicated = await server.ConnectAsync(timeoutMs: 5000);
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 1);
        await scenario.CreateTopicsAsync();
        var events = TestEvents.Generate(scenario.Prefix, customers: 10, maxEvents: 4, seed: 6);
        var beforeSnapshot = events.Count / 2;
        var host = await scenario.StartAsync(fused: true, new ActiveModel(TestModels.Create()), redis: dedicated,
            settings: new Dictionary<string, string?> { ["Workers:Recency:Enabled"] = "false", ["Workers:Batch:MaxSize"] = "10" });
        var position = PartitionPositions.Key($"scorer-{scenario.Prefix}", scenario.TransactionsTopic, 0);

        // One partition: the events take offsets 0, 1, ... in the order produced.
        await scenario.ProduceAsync(events.Take(beforeSnapshot));
        await StoredPosition.WaitForAsync(dedicated, position, beforeSnapshot - 1, Timeout);
        var snapshot = server.Snapshot();
        await scenario.ProduceAsync(events.Skip(beforeSnapshot));
        await StoredPosition.WaitForAsync(dedicated, position, events.Count - 1, Timeout);
        // Retention passed: Kafka keeps only the last event, Redis goes back to before the second half.
        var logStart = events.Count - 1;
        await kafka.DeleteRecordsAsync(scenario.TransactionsTopic, 0, logStart);
        server.RestartFrom(snapshot);
        await scenario.WaitForCrashAsync(host, Timeout);

        var missing = $"{scenario.TransactionsTopic} partition 0: it holds them up to offset {beforeSnapshot - 1}, this worker had read up to {events.Count - 1}, "
            + $"and Kafka keeps this partition only from offset {logStart}, so offsets {beforeSnapshot}..{logStart - 1} cannot be applied again";
        Assert.Contains(scenario.Log.Lines, line => line.Contains(missing, StringComparison.Ordinal));
    }
}
