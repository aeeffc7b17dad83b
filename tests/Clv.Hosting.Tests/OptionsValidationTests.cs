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
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value });
        builder.AddClvDefaults();
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, failure => failure.StartsWith(message, StringComparison.Ordinal));
        Assert.DoesNotContain("s3cr3t", error.Message);
    }

    [Theory]
    [InlineData("password=s3cr3t", null, "Redis:ConnectionString must name at least one server (host:port)")]
    [InlineData("redis:6379,password=s3cr3t,conectTimeout=500", null, "Redis:ConnectionString is not a StackExchange.Redis configuration string")]
    [InlineData("redis:6379,password=s3cr3t", "s3cr3t-too", "Redis:Password and a password= in Redis:ConnectionString are both set")]
    public async Task ARedisSettingThatCannotWork_StopsTheServiceAtStart(string connectionString, string? password, string message)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Redis:ConnectionString"] = connectionString, ["Redis:Password"] = password });
        builder.AddClvDefaults();
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, failure => failure.StartsWith(message, StringComparison.Ordinal));
        Assert.DoesNotContain("s3cr3t", error.Message);
    }

    [Fact]
    public async Task NoRedisConnectionString_IsAServiceWithoutRedis_NotAnError()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddClvDefaults();
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();
    }
}
