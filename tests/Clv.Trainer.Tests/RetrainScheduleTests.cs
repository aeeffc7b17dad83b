using Clv.Contracts.ModelLifecycle;
using Clv.TestInfrastructure;
using Clv.ModelLifecycle;
using Clv.Training.Lifecycle;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Clv.Trainer.Tests;

[Collection(nameof(InfrastructureCollection))]
public sealed class RetrainScheduleTests(RedisFixture redis)
{
    [Fact]
    public async Task StoreWithoutActiveModel_RequestsAFirstTraining_AtStartUp()
    {
        var store = TestModels.NewStore(redis.Connection);

        var requests = await PublishedAtStartUpAsync(store, trainWhenStoreEmpty: true);

        var request = Assert.Single(requests);
        Assert.Equal("startup", request.RequestedBy);
    }

    [Fact]
    public async Task StoreWithActiveModel_RequestsNothing_AtStartUp()
    {
        var store = TestModels.NewStore(redis.Connection);
        var (version, _) = await TestModels.SaveAsync(store);
        await store.ActivateAsync(version, "test");

        Assert.Empty(await PublishedAtStartUpAsync(store, trainWhenStoreEmpty: true));
    }

    [Fact]
    public async Task EmptyStore_WithTheOptionOff_RequestsNothing()
    {
        Assert.Empty(await PublishedAtStartUpAsync(TestModels.NewStore(redis.Connection), trainWhenStoreEmpty: false));
    }

    private static async Task<IReadOnlyList<RetrainRequested>> PublishedAtStartUpAsync(ModelStore store, bool trainWhenStoreEmpty)
    {
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(options => options.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(1)))
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        var options = Options.Create(new TrainerOptions { TrainWhenStoreEmpty = trainWhenStoreEmpty, Source = "history.csv" });
        using var schedule = new RetrainSchedule(provider.GetRequiredService<IBus>(), store, options, TimeProvider.System, NullLogger<RetrainSchedule>.Instance);
        await schedule.StartAsync(CancellationToken.None);
        await harness.InactivityTask;
        await schedule.StopAsync(CancellationToken.None);

        return harness.Published.Select<RetrainRequested>().Select(message => message.Context.Message).ToList();
    }
}
