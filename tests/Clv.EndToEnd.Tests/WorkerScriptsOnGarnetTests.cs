using Clv.Contracts.Transactions;
using Clv.Hosting.Redis;
using Clv.Workers.Redis;
using Clv.Workers.Sequencing;
using StackExchange.Redis;

namespace Clv.EndToEnd.Tests;

/// <summary>The workers' Lua scripts behave on the standalone host's Garnet as they do on Redis.</summary>
public sealed class WorkerScriptsOnGarnetTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private const int Window = 3;

    [Fact]
    public async Task SequenceScript_RepeatedOffset_IsAppliedOnceAndKeepsItsSeqNo()
    {
        var db = garnet.Connection.GetDatabase();

        var first = await ApplyAsync(db, "seq-repeat", 2, 10, 11);
        var repeat = await ApplyAsync(db, "seq-repeat", 2, 10, 12);

        Assert.Equal([1L, 2L, 1L, 3L], [.. first, .. repeat]);
    }

    [Fact]
    public async Task SequenceScript_KeepsOnlyTheWindowOfLatestEntries_InTheirStoredFormat()
    {
        var db = garnet.Connection.GetDatabase();
        await ApplyAsync(db, "seq-window", 0, 0, 1, 2, 3, 4);

        var window = (await CustomerWindowStore.ReadAsync(db, "seq-window"))!;

        Assert.Equal([3L, 4L, 5L], window.Records.Select(r => r.SeqNo));
        Assert.Equal(new[] { "e2", "e3", "e4" }.Select(CustomerWindowCodec.IdHash), window.Records.Select(r => r.EventIdHash));
        Assert.Equal(new (int, long)[] { (0, 4L) }, window.Partitions);
    }

    [Fact]
    public async Task SequenceScript_AnEventNeedingItsTicksAndDouble_WidensTheWindow_AndEveryRecordDecodesExactly()
    {
        var db = garnet.Connection.GetDatabase();
        var time = DateTimeOffset.UnixEpoch.AddDays(20_000);
        TransactionEvent[] events =
        [
            new("w0", "seq-wide", time, 1.5, "USD", TransactionKind.Purchase),
            new("w1", "seq-wide", time.AddTicks(1), 0.1234, "USD", TransactionKind.Refund),
        ];

        await ApplyAsync(db, "seq-wide", 0, [0], [events[0]]);
        await ApplyAsync(db, "seq-wide", 0, [1], [events[1]]);
        var window = (await CustomerWindowStore.ReadAsync(db, "seq-wide"))!;

        Assert.Equal(events.Select(e => (e.OccurredAt, e.Amount, e.Kind)), window.Records.Select(r => (r.OccurredAt, r.Amount, r.Kind)));
    }

    [Fact]
    public async Task SequenceScript_RepeatedEventIds_AreDuplicates_WithinTheWindowAndBeyondIt()
    {
        var db = garnet.Connection.GetDatabase();
        await ApplyAsync(db, "seq-ids", 0, 0, 1, 2, 3, 4);

        // e4 is in the window, e0 only in the horizon beyond it (4 x the window); e9 is new.
        var repeats = await ApplyAsync(db, "seq-ids", 0, [5, 6, 7], ["e4", "e0", "e9"]);

        Assert.Equal([SequenceScript.Duplicate, SequenceScript.Duplicate, 6L], repeats);
    }

    [Fact]
    public async Task SequenceScript_ACustomersPartitionBeyondWhatTheFormatNames_AnswersALimitPerEvent_AndWritesNothing()
    {
        var db = garnet.Connection.GetDatabase();
        for (var partition = 0; partition < CustomerWindowCodec.MaxPartitions; partition++)
        {
            await ApplyAsync(db, "seq-partitions", partition, 1);
        }

        var before = (byte[])(await db.StringGetAsync(RedisKeys.Window("seq-partitions")))!;
        var beyond = await ApplyAsync(db, "seq-partitions", CustomerWindowCodec.MaxPartitions, 1, 2);

        Assert.Equal([SequenceScript.PartitionLimit, SequenceScript.PartitionLimit], beyond);
        Assert.Equal(before, (byte[])(await db.StringGetAsync(RedisKeys.Window("seq-partitions")))!);
    }

    [Fact]
    public async Task StateScript_EventWritesOnlyNewerSeqNo_SweepOnlySameSeqNo()
    {
        var db = garnet.Connection.GetDatabase();
        var blob = new byte[] { 1, 2, 3 };

        var written = new[]
        {
            (long)await StateScript.WriteAsync(db, "state", 5, blob, StateScript.EventMode),
            (long)await StateScript.WriteAsync(db, "state", 4, blob, StateScript.EventMode),
            (long)await StateScript.WriteAsync(db, "state", 5, blob, StateScript.SweepMode),
            (long)await StateScript.WriteAsync(db, "state", 6, blob, StateScript.SweepMode),
        };

        Assert.Equal([1L, 0L, 1L, 0L], written);
    }

    private static Task<long[]> ApplyAsync(IDatabase db, string customerId, int partition, params long[] offsets) =>
        ApplyAsync(db, customerId, partition, offsets, [.. offsets.Select(o => $"e{o}")]);

    private static Task<long[]> ApplyAsync(IDatabase db, string customerId, int partition, long[] offsets, string[] eventIds) =>
        ApplyAsync(db, customerId, partition, offsets, [.. offsets.Select((o, i) => new TransactionEvent(eventIds[i], customerId, DateTimeOffset.UnixEpoch.AddDays(o), 10 + o, "USD", TransactionKind.Purchase))]);

    private static async Task<long[]> ApplyAsync(IDatabase db, string customerId, int partition, long[] offsets, TransactionEvent[] transactions)
    {
        var arguments = SequenceScript.Arguments(offsets.Length);
        for (var i = 0; i < offsets.Length; i++)
        {
            var record = new byte[SequenceScript.MaxEventSize];
            var length = CustomerWindowCodec.WriteEvent(record, transactions[i], fingerprint: 1);
            SequenceScript.SetEvent(arguments, i, offsets[i], record[..length]);
        }
        return (long[])(await SequenceScript.ApplyAsync(db, customerId, partition, Window, horizon: 4 * Window, arguments))!;
    }
}
