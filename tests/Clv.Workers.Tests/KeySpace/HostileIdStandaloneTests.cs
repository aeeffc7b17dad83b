using Clv.TestInfrastructure;
using Clv.Hosting.Redis;
using Clv.Workers.Sequencing;
using Clv.Workers.Redis;

namespace Clv.Workers.Tests.KeySpace;

[Collection(nameof(WorkersCollection))]
public sealed class HostileIdStandaloneTests(RedisFixture redis)
{
    [Fact]
    public async Task HostileIds_GetTheirOwnKeys_AndTheModelStoreBesideThemStillWorks()
    {
        var scenario = new HostileIdScenario(redis.Connection);
        await WorkerScripts.LoadAllAsync(redis.Connection);

        var applied = await scenario.SequenceAsync();
        var active = await scenario.SaveAndActivateModelAsync();

        Assert.Equal(scenario.Ids, applied.Select(a => a.Transaction.CustomerId));
        Assert.All(applied, a => Assert.Equal(1, a.SeqNo));
        Assert.StartsWith("v", active);
        var db = redis.Connection.GetDatabase();
        foreach (var id in scenario.Ids)
        {
            var window = (await CustomerWindowStore.ReadAsync(db, id))!;
            Assert.Equal((1L, 1), (window.LastSeqNo, window.Records.Count));
        }
    }
}
