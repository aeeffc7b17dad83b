using Clv.Development.LoadHarness;
using Clv.TestInfrastructure;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Clv.Benchmarks.Tests;

/// <summary>
/// The harness runs the workers as the services register them (issue 10: no second wiring): the <c>Workers</c>
/// settings it is given reach the components, and a setting a service would refuse at start-up is refused here too.
/// </summary>
public sealed class HarnessSettingsTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public void AShorterWindow_StopsEachCustomersStorageGrowingOnceItIsFull()
    {
        using var lease = RedisDatabaseLease.Acquire(redis.ConnectionString);
        using var connection = ConnectionMultiplexer.Connect($"{lease.ConnectionString},allowAdmin=true");
        var measurement = new RedisMemoryMeasurement(connection, settings: [new("Workers:WindowSize", "16"), new("Workers:DedupeHorizon", "17")]);

        var full = measurement.Measure(16, 20);
        var beyond = measurement.Measure(40, 20);

        // 24 more events per customer: with the default window (64) the customer's keys
        // would keep every one of them; with these settings at most one more window entry and event id remain.
        Assert.Equal((16, 16), (full.EventsInWindow, beyond.EventsInWindow));
        Assert.True(Total(beyond) < 1.25 * Total(full), $"16 events: {Total(full):F0} B, 40 events: {Total(beyond):F0} B per customer");
    }

    [Fact]
    public void ASettingAServiceWouldRefuse_IsRefused()
    {
        using var lease = RedisDatabaseLease.Acquire(redis.ConnectionString);
        using var connection = ConnectionMultiplexer.Connect($"{lease.ConnectionString},allowAdmin=true");
        var measurement = new RedisMemoryMeasurement(connection, settings: [new("Workers:DedupeHorizon", "10")]);

        var error = Assert.Throws<OptionsValidationException>(() => measurement.Measure(1, 1));

        Assert.Contains(error.Failures, failure => failure.StartsWith("Workers:DedupeHorizon (10) must be 0 (the window) or at least Workers:WindowSize (64)", StringComparison.Ordinal));
    }

    private static double Total(RedisMemoryResult result) => result.BytesByKind.Values.Sum();
}
