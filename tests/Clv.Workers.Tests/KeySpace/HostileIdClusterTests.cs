using Clv.TestInfrastructure;
using Clv.Hosting.Redis;
using Clv.Workers.Redis;
using StackExchange.Redis;

namespace Clv.Workers.Tests.KeySpace;

[Collection(nameof(RedisClusterCollection))]
public sealed class HostileIdClusterTests(RedisClusterFixture cluster)
{
    [Fact]
    public async Task HostileIds_AreSequencedOnRedisCluster_WithEveryKeyOfACustomerInOneSlot()
    {
        var scenario = new HostileIdScenario(cluster.Connection);
        await WorkerScripts.LoadAllAsync(cluster.Connection);

        var applied = await scenario.SequenceAsync();
        var active = await scenario.SaveAndActivateModelAsync();

        Assert.Equal(scenario.Ids, applied.Select(a => a.Transaction.CustomerId));
        Assert.All(applied, a => Assert.Equal(1, a.SeqNo));
        Assert.StartsWith("v", active);
        var server = cluster.Connection.GetServers()[0];
        foreach (var id in scenario.Ids)
        {
            RedisKey[] keys = [RedisKeys.Window(id), RedisKeys.EvictedEventIds(id), RedisKeys.State(id), RedisKeys.LegacyMeta(id)];
            var slots = new HashSet<long>();
            foreach (var key in keys)
            {
                slots.Add((long)await server.ExecuteAsync("CLUSTER", "KEYSLOT", (string)key!));
            }

            Assert.True(slots.Count == 1, $"the keys of {id} hash to slots {string.Join(", ", slots)}");
            Assert.Equal(HashSlot.Of(RedisKeys.Window(id)!), (int)slots.Single());
        }
    }
}
