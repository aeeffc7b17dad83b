using Clv.Development.LoadHarness;
using Clv.TestInfrastructure;
using StackExchange.Redis;

namespace Clv.Benchmarks.Tests;

/// <summary>
/// The memory measurement counts what the workers store: today's window list holds each event's JSON, so its
/// bytes per customer are at least (events in the window) x (event JSON bytes) and stop growing once the window
/// is full, and every customer's state and sequencing keys are found.
/// </summary>
public sealed class RedisMemoryMeasurementTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public void Measure_CountsTheWindowsJsonAndEveryCustomersKeys()
    {
        using var lease = RedisDatabaseLease.Acquire(redis.ConnectionString);
        using var connection = ConnectionMultiplexer.Connect($"{lease.ConnectionString},allowAdmin=true");
        var measurement = new RedisMemoryMeasurement(connection);

        var one = measurement.Measure(1, 20);
        var full = measurement.Measure(64, 20);
        var beyond = measurement.Measure(80, 20);

        Assert.Equal((1, 64, 64), (one.EventsInWindow, full.EventsInWindow, beyond.EventsInWindow));
        Assert.Contains("state", full.BytesByKind.Keys);
        Assert.Contains("meta", full.BytesByKind.Keys);
        Assert.True(full.BytesByKind["seq"] >= 64 * full.EventJsonBytes, $"window list {full.BytesByKind["seq"]} B < 64 x {full.EventJsonBytes} B of JSON");
        Assert.True(one.BytesByKind["seq"] < full.BytesByKind["seq"] / 16, $"1 event: {one.BytesByKind["seq"]} B, 64 events: {full.BytesByKind["seq"]} B");
        Assert.InRange(beyond.BytesByKind["seq"], 0.9 * full.BytesByKind["seq"], 1.1 * full.BytesByKind["seq"]);
    }
}
