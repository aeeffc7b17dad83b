using StackExchange.Redis;

namespace Clv.Workers.Tests;

/// <summary>The consume loop's position in Redis (<c>PartitionPositions.Key</c>): tests wait for it to know a batch is durable.</summary>
public static class StoredPosition
{
    public static async Task WaitForAsync(IConnectionMultiplexer redis, RedisKey key, long offset, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((long?)await redis.GetDatabase().StringGetAsync(key) != offset)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{key} did not reach {offset} within {timeout}");
            await Task.Delay(50);
        }
    }
}
