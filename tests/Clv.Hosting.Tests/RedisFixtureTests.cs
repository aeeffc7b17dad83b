using Clv.TestInfrastructure;

namespace Clv.Hosting.Tests;

[Collection(nameof(RedisCollection))]
public sealed class RedisFixtureTests(RedisFixture redis)
{
    [Fact]
    public async Task SetThenGet_ReturnsTheStoredValue()
    {
        var db = redis.Connection.GetDatabase();
        var key = $"{{test}}:{Guid.NewGuid():N}";

        await db.StringSetAsync(key, "42", TimeSpan.FromMinutes(1));

        Assert.Equal("42", (string?)await db.StringGetAsync(key));
    }
}
