using Clv.Development.LoadHarness;
using Clv.TestInfrastructure;
using Clv.Workers.Sequencing;
using StackExchange.Redis;

namespace Clv.Benchmarks.Tests;

/// <summary>
/// The memory measurement counts what the workers store: the window string holds each kept event as a fixed-size
/// record and the id list its id, so their bytes per customer are at least (events in the window) x (record + id
/// bytes), stay far below the events' JSON, stop growing once the window is full, and every customer's keys are found.
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
        Assert.Equal(["state", "win", "winids"], full.BytesByKind.Keys.Order(StringComparer.Ordinal));
        var window = full.BytesByKind["win"] + full.BytesByKind["winids"];
        Assert.True(full.BytesByKind["win"] >= 64 * CustomerWindowCodec.RecordSize, $"window {full.BytesByKind["win"]} B < 64 records of {CustomerWindowCodec.RecordSize} B");
        Assert.True(full.BytesByKind["winids"] >= 64 * full.EventIdBytes, $"window ids {full.BytesByKind["winids"]} B < 64 ids of {full.EventIdBytes} B");
        Assert.True(window < 64 * full.EventJsonBytes / 2, $"window and ids {window} B, the events' JSON {64 * full.EventJsonBytes} B");
        Assert.True(one.BytesByKind["win"] < full.BytesByKind["win"] / 16, $"1 event: {one.BytesByKind["win"]} B, 64 events: {full.BytesByKind["win"]} B");
        Assert.InRange(beyond.BytesByKind["win"] + beyond.BytesByKind["winids"], 0.9 * window, 1.1 * window);
    }

    [Fact]
    public void Measure_WithAHorizonBeyondTheWindow_CountsTheEvictedIdsAt16BytesEach()
    {
        using var lease = RedisDatabaseLease.Acquire(redis.ConnectionString);
        using var connection = ConnectionMultiplexer.Connect($"{lease.ConnectionString},allowAdmin=true");

        var result = new RedisMemoryMeasurement(connection, settings: [new("Workers:DedupeHorizon", "100")]).Measure(100, 10);

        // A window of 65 events; the 35 ids that left it are kept as 16-byte hash + fingerprint entries.
        Assert.InRange(result.BytesByKind["evicted"], 35 * 16, 2 * 35 * 16);
    }
}
