using Clv.TestInfrastructure;

namespace Clv.FaultInjection.Tests;

/// <summary>
/// The slow suite (run nightly, see README): all of CDNOW master (69,659 events, 23,570 customers) through the
/// sequencer and two scorer replicas, every fault in turn during one replay. Skipped unless CLV_NIGHTLY=1.
/// </summary>
[Collection(nameof(FaultInjectionCollection))]
[Trait("Category", "Nightly")]
public sealed class NightlyFaultTests(RabbitMqFixture rabbitMq)
{
    [SkippableFact]
    public async Task EveryFaultDuringOneFullReplay_LeavesEveryCustomerExact()
    {
        RequireNightly();
        var master = FaultScenario.Input("data/cdnow/CDNOW_master.txt");
        // 16 partitions: the mock broker keeps about 5 MB per partition, and the sequenced and update topics are larger than the input.
        await FaultScenario.RunAsync(rabbitMq.Uri, await TrainedModel.SharedAsync(rabbitMq.Uri), master, async pipeline =>
        {
            await pipeline.ReachedAsync(0.1);
            RunningPipeline.KillAndRestart(pipeline.Scorers[0]);
            await pipeline.ReachedAsync(0.2);
            RunningPipeline.KillAndRestart(pipeline.Sequencer);
            await pipeline.ReachedAsync(0.3);
            await pipeline.Stack.Redis.FreezeAsync(TimeSpan.FromSeconds(10));
            await pipeline.ReachedAsync(0.4);
            pipeline.Stack.Redis.Restart();
            await pipeline.ReachedAsync(0.5);
            var snapshot = pipeline.Stack.Redis.Snapshot();
            await pipeline.ReachedAsync(0.65);
            pipeline.Stack.Redis.RestartFrom(snapshot);
            await pipeline.ReachedAsync(0.8);
            RunningPipeline.KillAndRestart(pipeline.Scorers[1]);
        }, partitions: 16, scorers: 2);
    }

    [SkippableFact]
    public async Task OlderAofRestoredRepeatedly_LeavesEveryCustomerExact()
    {
        RequireNightly();
        var master = FaultScenario.Input("data/cdnow/CDNOW_master.txt");
        await FaultScenario.RunAsync(rabbitMq.Uri, await TrainedModel.SharedAsync(rabbitMq.Uri), master, async pipeline =>
        {
            foreach (var (snapshotAt, restoreAt) in new[] { (0.1, 0.25), (0.3, 0.45), (0.5, 0.7), (0.75, 0.9) })
            {
                await pipeline.ReachedAsync(snapshotAt);
                var snapshot = pipeline.Stack.Redis.Snapshot();
                await pipeline.ReachedAsync(restoreAt);
                pipeline.Stack.Redis.RestartFrom(snapshot);
            }
        }, partitions: 16, scorers: 2);
    }

    private static void RequireNightly() =>
        Skip.IfNot(Environment.GetEnvironmentVariable("CLV_NIGHTLY") == "1", "nightly: set CLV_NIGHTLY=1");
}
