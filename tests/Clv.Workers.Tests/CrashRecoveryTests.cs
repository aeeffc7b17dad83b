using Clv.ModelLifecycle;
using Clv.TestInfrastructure;
using Clv.Workers.Faults;

namespace Clv.Workers.Tests;

[Collection(nameof(WorkersCollection))]
public sealed class CrashRecoveryTests(KafkaFixture kafka, RedisFixture redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(true, FaultPoint.BeforeCommit)]
    [InlineData(true, FaultPoint.BeforeStateWrite)]
    [InlineData(true, FaultPoint.BeforeSequenceWrite)]
    [InlineData(false, FaultPoint.BeforeStateWrite)]
    [InlineData(false, FaultPoint.BeforeCommit)]
    public async Task Restart_AfterCrash_LeavesStateOfOneCleanRun_AndEveryEventWithItsUpdate(bool fused, FaultPoint crashAt)
    {
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 2);
        await scenario.CreateTopicsAsync();
        var model = TestModels.Create();
        var events = TestEvents.Generate(scenario.Prefix, customers: 20, maxEvents: 6, seed: 3);
        var histories = TestEvents.ByCustomer(events);
        await scenario.ProduceAsync(events);
        // No recency sweeps: their re-scores depend on when they run, and this compares event application only.
        var smallBatches = new Dictionary<string, string?> { ["Workers:Batch:MaxSize"] = "7", ["Workers:Recency:Enabled"] = "false" };

        var crash = new CrashOnce(crashAt, hit: 3);
        var crashing = await scenario.StartAsync(fused, new ActiveModel(model), crash, smallBatches);
        await scenario.WaitForCrashAsync(crashing, Timeout);
        Assert.True(crash.Crashed);

        await scenario.StartAsync(fused, new ActiveModel(model), settings: smallBatches);
        using var reader = scenario.Reader(scenario.UpdatesTopic);
        var messages = await reader.ReadUntilAsync(
            m => ScoreOracle.DistinctCount(m) >= events.Count,
            Timeout,
            $"{events.Count} distinct updates");

        Expect.NoDifference(ScoreOracle.FirstMismatch(model, histories, ScoreOracle.Updates(messages)));
        Expect.NoDifference(await StoredStates.FirstDifferenceAsync(redis.Connection.GetDatabase(scenario.Database), model, histories));
    }
}
