using Clv.TestInfrastructure;
using Clv.ModelLifecycle;
using StackExchange.Redis;

namespace Clv.Trainer.Tests;

[Collection(nameof(InfrastructureCollection))]
public sealed class ModelStoreTests(RedisFixture redis)
{
    private static readonly Dictionary<string, double> Metrics = new() { ["churn_auc"] = 0.75 };

    // Each test gets its own hash tag so tests in the collection never see each other's versions.
    private ModelStore NewStore(int keep = 10) =>
        new(redis.Connection, new ModelStoreOptions { KeyPrefix = $"test:{{models-{Guid.NewGuid():N}}}", KeepVersions = keep });

    private static async Task<string> SaveAsync(ModelStore store, byte fill)
    {
        var version = await store.ReserveVersionAsync();
        await store.SaveAsync(version, Enumerable.Repeat(fill, 64).ToArray(), Metrics, ModelDecision.Candidate, "test");
        return version;
    }

    [Fact]
    public async Task Save_ThenRead_ReturnsTheSameBytesChecksumAndMetadata()
    {
        var store = NewStore();
        var weights = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var version = await store.ReserveVersionAsync();

        await store.SaveAsync(version, weights, Metrics, ModelDecision.Rejected, "churn AUC too low");

        Assert.Equal(weights, await store.GetWeightsAsync(version));
        var info = await store.GetInfoAsync(version);
        Assert.NotNull(info);
        Assert.Equal(ModelStore.Sha256Hex(weights), info.Sha256);
        Assert.Equal(0.75, info.Metrics["churn_auc"]);
        Assert.Equal(ModelDecision.Rejected, info.Decision);
        Assert.Equal("churn AUC too low", info.Reason);
    }

    [Fact]
    public async Task ActivateAndRollback_AfterTheServerLostItsScripts_ReloadThemAndSucceed()
    {
        var store = NewStore();
        var first = await SaveAsync(store, 1);
        var second = await SaveAsync(store, 2);
        await store.ActivateAsync(first, "first");

        // What a restart or a failover to a fresh replica does: the scripts the store calls by SHA are gone.
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        await admin.GetServers()[0].ScriptFlushAsync();
        await store.ActivateAsync(second, "second");
        Assert.Equal(second, await store.GetActiveVersionAsync());

        await admin.GetServers()[0].ScriptFlushAsync();
        Assert.Equal(first, await store.RollbackAsync(toVersion: null, requestedBy: "test"));
    }

    [Fact]
    public async Task ReserveVersion_GivesIncreasingDistinctNames()
    {
        var store = NewStore();

        var first = await store.ReserveVersionAsync();
        var second = await store.ReserveVersionAsync();

        Assert.Equal(("v1", "v2"), (first, second));
    }

    [Fact]
    public async Task Rollback_ReturnsToThePreviouslyActiveVersion_AndStepsBackFurtherWhenRepeated()
    {
        var store = NewStore();
        var v1 = await SaveAsync(store, 1);
        var v2 = await SaveAsync(store, 2);
        var v3 = await SaveAsync(store, 3);
        await store.ActivateAsync(v1, "first");
        await store.ActivateAsync(v2, "better");
        await store.ActivateAsync(v3, "better still");

        var first = await store.RollbackAsync(toVersion: null, "test");
        var second = await store.RollbackAsync(toVersion: null, "test");

        Assert.Equal((v2, v1), (first, second));
        Assert.Equal(v1, await store.GetActiveVersionAsync());
        Assert.Equal(ModelDecision.RolledBack, (await store.GetInfoAsync(v3))!.Decision);
    }

    [Fact]
    public async Task RollbackToNamedVersion_ActivatesIt_AndKeepsTheReplacedOneOnTheHistory()
    {
        var store = NewStore();
        var v1 = await SaveAsync(store, 1);
        var v2 = await SaveAsync(store, 2);
        await store.ActivateAsync(v2, "only one active");

        var active = await store.RollbackAsync(v1, "operator");

        Assert.Equal(v1, active);
        Assert.Equal(v1, await store.GetActiveVersionAsync());
        Assert.Equal([v2], await store.GetHistoryAsync());
    }

    [Fact]
    public async Task Rollback_WithNoHistory_Throws()
    {
        var store = NewStore();
        await store.ActivateAsync(await SaveAsync(store, 1), "first");

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.RollbackAsync(null, "test"));
    }

    [Fact]
    public async Task Activate_UnknownVersion_FailsAndLeavesTheActiveVersion()
    {
        var store = NewStore();
        var v1 = await SaveAsync(store, 1);
        await store.ActivateAsync(v1, "first");

        await Assert.ThrowsAsync<RedisServerException>(() => store.ActivateAsync("v99", "typo"));
        Assert.Equal(v1, await store.GetActiveVersionAsync());
    }

    [Fact]
    public async Task Save_BeyondRetention_DeletesTheOldestButNeverTheActiveVersion()
    {
        var store = NewStore(keep: 2);
        var v1 = await SaveAsync(store, 1);
        await store.ActivateAsync(v1, "first");
        var v2 = await SaveAsync(store, 2);
        var v3 = await SaveAsync(store, 3);
        var v4 = await SaveAsync(store, 4);

        var kept = (await store.ListAsync()).Select(i => i.Version).ToArray();

        Assert.Equal([v1, v3, v4], kept);
        Assert.Null(await store.GetWeightsAsync(v2));
        Assert.NotNull(await store.GetWeightsAsync(v1));
    }
}
