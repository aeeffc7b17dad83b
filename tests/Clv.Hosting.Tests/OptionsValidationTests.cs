using Clv.Contracts.Validation;
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
    [InlineData("Kafka:FetchWaitMaxMs", "-1", "Kafka:FetchWaitMaxMs (-1) must be between 0 and 300000")]
    [InlineData("RabbitMq:Uri", "http://guest:s3cr3t@rabbit/", "RabbitMq:Uri must be an absolute amqp:// or amqps:// URI")]
    public async Task ASettingThatCannotWork_StopsTheServiceAtStart(string setting, string value, string message)
    {
        var error = await StartFailureAsync(new Dictionary<string, string?> { [setting] = value });

        Assert.Contains(error.Failures, failure => failure.StartsWith(message, StringComparison.Ordinal));
        Assert.DoesNotContain("s3cr3t", error.Message);
    }

    [Fact]
    public void ReadBeforeAnyHost_TheValidationSection_IsBoundAndCheckedByTheSameRules()
    {
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Validation:EarliestEventTime"] = "1997-03-01T00:00:00Z",
            ["Validation:MaxAmount"] = "500",
        }).Build();
        var wrong = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Validation:MinAmount"] = "-1" }).Build();

        var bounds = Settings.ValidatedOptionsExtensions.ReadValidated<TransactionParserOptions>(configured, TransactionParserOptions.Section, o => o.Problems());
        var error = Assert.Throws<OptionsValidationException>(() =>
            Settings.ValidatedOptionsExtensions.ReadValidated<TransactionParserOptions>(wrong, TransactionParserOptions.Section, o => o.Problems()));

        Assert.Equal((new DateTimeOffset(1997, 3, 1, 0, 0, 0, TimeSpan.Zero), 500d), (bounds.EarliestEventTime, bounds.MaxAmount));
        Assert.Contains(error.Failures, failure => failure.StartsWith("Validation:MinAmount (-1) must be >= 0", StringComparison.Ordinal));
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
