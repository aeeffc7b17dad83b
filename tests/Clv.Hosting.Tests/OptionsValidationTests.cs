using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Clv.Hosting.Tests;

/// <summary>The shared settings are validated when a service starts, with messages naming the setting (and never the secret).</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Kafka:BootstrapServers", " ", "Kafka:BootstrapServers must name at least one broker")]
    [InlineData("Kafka:MaxPollIntervalMs", "5", "Kafka:SessionTimeoutMs (10000) must be positive, Kafka:MaxPollIntervalMs (5) at least as large")]
    [InlineData("RabbitMq:Uri", "http://guest:s3cr3t@rabbit/", "RabbitMq:Uri must be an absolute amqp:// or amqps:// URI")]
    public async Task ASettingThatCannotWork_StopsTheServiceAtStart(string setting, string value, string message)
    {
        var error = await StartFailureAsync(new Dictionary<string, string?> { [setting] = value });

        Assert.Contains(error.Failures, failure => failure.StartsWith(message, StringComparison.Ordinal));
        Assert.DoesNotContain("s3cr3t", error.Message);
    }

    [Theory]
    [InlineData("password=s3cr3t", null, "Redis:ConnectionString must name at least one server (host:port)")]
    [InlineData("redis:6379,password=s3cr3t,conectTimeout=500", null, "Redis:ConnectionString is not a StackExchange.Redis configuration string")]
    [InlineData("redis:6379,password=s3cr3t", "s3cr3t-too", "Redis:Password and a password= in Redis:ConnectionString are both set")]
    public async Task ARedisSettingThatCannotWork_StopsTheServiceAtStart(string connectionString, string? password, string message)
    {
        var error = await StartFailureAsync(new Dictionary<string, string?> { ["Redis:ConnectionString"] = connectionString, ["Redis:Password"] = password });

        Assert.Contains(error.Failures, failure => failure.StartsWith(message, StringComparison.Ordinal));
        Assert.DoesNotContain("s3cr3t", error.Message);
    }

    [Fact]
    public async Task NoRedisConnectionString_IsAServiceWithoutRedis_NotAnError()
    {
        using var host = Build([]);

        await host.StartAsync();
        await host.StopAsync();
    }

    private static async Task<OptionsValidationException> StartFailureAsync(Dictionary<string, string?> settings)
    {
        using var host = Build(settings);
        return await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddClvDefaults();
        return builder.Build();
    }
}
