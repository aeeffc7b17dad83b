using Clv.Hosting;
using Clv.Hosting.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Clv.Api.Tests;

/// <summary>
/// The API service reads Redis replies on the .NET thread pool: paced at about 5,000 lookups/s, StackExchange.Redis's
/// dedicated reader threads cost about a third of the service's CPU per lookup. A configured value still wins.
/// </summary>
public sealed class RedisThreadPoolTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void UseThreadPoolForRedis_TurnsTheThreadPoolOnUnlessConfigured(string? configured, bool expected)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Redis:ConnectionString"] = "127.0.0.1:6379";
        builder.Configuration["Redis:UseThreadPool"] = configured;
        builder.AddClvDefaults();
        builder.UseThreadPoolForRedis();
        using var host = builder.Build();

        Assert.Equal(expected, host.Services.GetRequiredService<IOptions<RedisOptions>>().Value.UseThreadPool);
    }
}
