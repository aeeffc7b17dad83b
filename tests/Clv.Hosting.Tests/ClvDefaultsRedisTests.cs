using System.Net;
using Clv.TestInfrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Clv.Hosting.Tests;

[Collection(nameof(RedisCollection))]
public sealed class ClvDefaultsRedisTests(RedisFixture redis)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddClvDefaults_RegistersARedisConnectionThatRoundTrips(bool useThreadPool)
    {
        await using var app = BuildApp(redis.ConnectionString, useThreadPool);
        var db = app.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var key = $"{{test}}:{Guid.NewGuid():N}";

        await db.HashSetAsync(key, [new HashEntry("seq", 7), new HashEntry("offset", "3:41")]);
        var stored = await db.HashGetAllAsync(key);

        Assert.Equal(["offset=3:41", "seq=7"], stored.Select(e => $"{e.Name}={e.Value}").Order());
    }

    [Fact]
    public async Task HealthReady_WhenRedisAnswers_Is200()
    {
        await using var app = BuildApp(redis.ConnectionString);
        await app.StartAsync();

        var (live, ready) = await ProbeAsync(app);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (live, ready));
    }

    [Fact]
    public async Task HealthReady_WhenRedisIsDown_Is503WhileLiveStays200()
    {
        var nobody = $"127.0.0.1:{FreeTcpPort.Next()},connectTimeout=300";
        await using var app = BuildApp(nobody);
        await app.StartAsync();

        var (live, ready) = await ProbeAsync(app);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable), (live, ready));
    }

    private static WebApplication BuildApp(string redisConnectionString, bool useThreadPool = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Redis:ConnectionString"] = redisConnectionString;
        builder.Configuration["Redis:UseThreadPool"] = useThreadPool.ToString();
        builder.AddClvDefaults();
        var app = builder.Build();
        app.MapClvHealth();
        return app;
    }

    private static async Task<(HttpStatusCode Live, HttpStatusCode Ready)> ProbeAsync(WebApplication app)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var live = await http.GetAsync("/health/live");
        var ready = await http.GetAsync("/health/ready");
        return (live.StatusCode, ready.StatusCode);
    }
}
