using Clv.Development.LoadHarness;
using Clv.TestInfrastructure;
using Clv.Workers.Sequencing;
using StackExchange.Redis;

namespace Clv.Benchmarks.Tests;

/// <summary>
/// The memory measurement counts what the workers store: the window string holds each kept event as a fixed-size
/// record (its id only as a hash), so its bytes per customer are at least (events in the window) x (record bytes),
/// stay far below the events' JSON and ids, stop growing once the window is full, and every customer's keys are found.
/// </summary>
public sealed class RedisMemoryMeasurementTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public void Measure_CountsTheWindowsRecordsAndEveryCustomersKeys()
    {
        using var lease = RedisDatabaseLease.Acquire(redis.ConnectionString);
        using var connection = ConnectionMultiplexer.Connect($"{lease.ConnectionString},allowAdmin=true");
        var measurement = new RedisMemoryMeasurement(connection);

        var one = measurement.Measure(1, 20);
        var full = measurement.Measure(64, 20);
        var beyond = measurement.Measure(80, 20);

        Assert.Equal((1, 64, 64), (one.EventsInWindow, full.EventsInWindow, beyond.EventsInWindow));
        Assert.Equal(["state", "win"], full.BytesByKind.Keys.Order(StringComparer.Ordinal));
        var window = full.BytesByKind["win"];
        Assert.True(window >= 64 * CustomerWindowCodec.RecordSize, $"window {window} B < 64 records of {CustomerWindowCodec.RecordSize} B");
        Assert.True(window < 64 * (full.EventJsonBytes + full.EventIdBytes) / 4, $"window {window} B, the events' JSON {64 * full.EventJsonBytes} B and ids {64 * full.EventIdBytes} B");
        Assert.True(window - one.BytesByKind["win"] >= 63 * CustomerWindowCodec.RecordSize, $"1 event: {one.BytesByKind["win"]} B, 64 events: {window} B");
        Assert.InRange(beyond.BytesByKind["win"], 0.9 * window, 1.1 * window);
    }

    [Fact]
    public void Measure_WithAHorizonBeyondTheWindow_CountsTheEvictedIdsAtTheirEntrySize()
    {
        using var lease = RedisDatabaseLease.Acquire(redis.ConnectionString);
        using var connection = ConnectionMultiplexer.Connect($"{lease.ConnectionString},allowAdmin=true");

        var result = new RedisMemoryMeasurement(connection, settings: [new("Workers:DedupeHorizon", "100")]).Measure(100, 10);

        // A window of 65 events; the 35 ids that left it are kept as 12-byte entries: a 64-bit hash and a 32-bit fingerprint.
        Assert.InRange(result.BytesByKind["evicted"], 35 * (8 + 4), 2 * 35 * (8 + 4));
    }
}
