using Clv.TestInfrastructure;

namespace Clv.FaultInjection.Tests;

/// <summary>
/// One fast case of each fault, in the normal test run: CDNOW_sample (6,919 events, 2,357 customers) through the
/// sequencer and scorer processes, the fault striking mid-replay. The slow, repeated versions are in
/// <see cref="NightlyFaultTests"/>.
/// </summary>
[Collection(nameof(FaultInjectionCollection))]
[Trait("Category", "FaultInjection")]
public sealed class ProcessFaultTests(RabbitMqFixture rabbitMq)
{
    private static readonly IReadOnlyList<Contracts.Transactions.TransactionEvent> Sample = FaultScenario.Input("data/cdnow/CDNOW_sample.txt");

    [Fact]
    public async Task ScorerKilled_RestartedScorerLeavesEveryCustomerExact() =>
        await FaultScenario.RunAsync(rabbitMq.Uri, await TrainedModel.SharedAsync(rabbitMq.Uri), Sample, async pipeline =>
        {
            await pipeline.ReachedAsync(0.3);
            RunningPipeline.KillAndRestart(pipeline.Scorers[0]);
        });

    [Fact]
    public async Task SequencerKilled_RestartedSequencerLeavesEveryCustomerExact() =>
        await FaultScenario.RunAsync(rabbitMq.Uri, await TrainedModel.SharedAsync(rabbitMq.Uri), Sample, async pipeline =>
        {
            await pipeline.ReachedAsync(0.3);
            RunningPipeline.KillAndRestart(pipeline.Sequencer);
        });

    [Fact]
    public async Task RedisKilled_RestartedOnItsAof_LeavesEveryCustomerExact() =>
        await FaultScenario.RunAsync(rabbitMq.Uri, await TrainedModel.SharedAsync(rabbitMq.Uri), Sample, async pipeline =>
        {
            await pipeline.ReachedAsync(0.3);
            pipeline.Stack.Redis.Restart();
        });

    [Fact]
    public async Task OlderAofRestoredMidReplay_WorkersApplyTheLostEventsAgain() =>
        await FaultScenario.RunAsync(rabbitMq.Uri, await TrainedModel.SharedAsync(rabbitMq.Uri), Sample, async pipeline =>
        {
            await pipeline.ReachedAsync(0.2);
            var snapshot = pipeline.Stack.Redis.Snapshot();
            await pipeline.ReachedAsync(0.6);
            pipeline.Stack.Redis.RestartFrom(snapshot);
        });

    [Fact]
    public async Task TrainerKilledMidTraining_RestartedTrainerPromotesAModelThePipelineScoresWith() =>
        await FaultScenario.RunAsync(rabbitMq.Uri, await TrainedModel.TrainAsync(rabbitMq.Uri, killMidTraining: true), Sample, _ => Task.CompletedTask);
}
