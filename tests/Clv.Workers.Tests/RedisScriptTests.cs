using System.Globalization;
using System.Text;
using Clv.Contracts.Transactions;
using Clv.TestInfrastructure;
using Clv.Hosting.Redis;
using Clv.Workers.Retries;
using Clv.Workers.Redis;
using Clv.Workers.Sequencing;
using StackExchange.Redis;

namespace Clv.Workers.Tests;

[Collection(nameof(WorkersCollection))]
public sealed class RedisScriptTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly IDatabase _db = redis.Connection.GetDatabase();
    private readonly string _customer = $"script-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        await WorkerScripts.LoadAllAsync(redis.Connection);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SequenceScript_RepeatedOffset_ReturnsTheSeqNoItWasGiven_AndAppendsNothing()
    {
        var first = await ApplyAsync(partition: 3, offset: 10);
        var second = await ApplyAsync(partition: 3, offset: 11);
        var repeatOfFirst = await ApplyAsync(partition: 3, offset: 10);
        var repeatOfSecond = await ApplyAsync(partition: 3, offset: 11);

        Assert.Equal([1L, 2L, 1L, 2L], [first, second, repeatOfFirst, repeatOfSecond]);
        Assert.Equal(2, (await WindowAsync()).Records.Count);
    }

    [Fact]
    public async Task SequenceScript_BatchOfRepeatsAndNewOffsets_GivesEachItsSeqNoInOrder()
    {
        await ApplyAsync(partition: 0, offset: 5);
        var arguments = SequenceScript.Arguments(3);
        SetEvent(arguments, 0, 0, 5, "0-5", 0);
        SetEvent(arguments, 1, 0, 6, "0-6", 0);
        SetEvent(arguments, 2, 0, 9, "0-9", 0);

        var reply = (RedisResult[])(await SequenceScript.ApplyAsync(_db, _customer, 0, 65, 65, arguments))!;

        Assert.Equal([1L, 2L, 3L], reply.Select(r => (long)r));
    }

    [Fact]
    public async Task SequenceScript_KeepsOnlyTheWindow_AndEntriesCarryTheirSeqNo()
    {
        for (var offset = 0; offset < 10; offset++)
        {
            await ApplyAsync(partition: 0, offset: offset, window: 4);
        }

        var window = await WindowAsync();
        Assert.Equal([7L, 8L, 9L, 10L], window.Records.Select(r => r.SeqNo));
        Assert.Equal([6L, 7L, 8L, 9L], window.Records.Select(r => r.Offset));
        Assert.Equal(10L, window.LastSeqNo);
        Assert.Equal(new (int, long)[] { (0, 9L) }, window.Partitions);
    }

    [Fact]
    public async Task SequenceScript_RepeatOlderThanTheWindowAndTheHorizon_ReturnsZero()
    {
        for (var offset = 0; offset < 5; offset++)
        {
            await ApplyAsync(partition: 0, offset: offset, window: 2, horizon: 3);
        }

        Assert.Equal(SequenceScript.Forgotten, await ApplyAsync(partition: 0, offset: 1, window: 2, horizon: 3));
    }

    [Fact]
    public async Task StateScript_EventMode_NeverOverwritesANewerState()
    {
        await StateScript.WriteAsync(_db, _customer, 5, Encoding.UTF8.GetBytes("five"), StateScript.EventMode);
        var older = await StateScript.WriteAsync(_db, _customer, 4, Encoding.UTF8.GetBytes("four"), StateScript.EventMode);
        var same = await StateScript.WriteAsync(_db, _customer, 5, Encoding.UTF8.GetBytes("again"), StateScript.EventMode);

        Assert.Equal((0L, 0L), ((long)older, (long)same));
        Assert.Equal("five", (string?)await _db.HashGetAsync(RedisKeys.State(_customer), "blob"));
    }

    [Fact]
    public async Task StateScript_SweepMode_WritesOnlyOverTheSameSeqNo()
    {
        await StateScript.WriteAsync(_db, _customer, 5, Encoding.UTF8.GetBytes("five"), StateScript.EventMode);
        var stale = await StateScript.WriteAsync(_db, _customer, 4, Encoding.UTF8.GetBytes("swept-4"), StateScript.SweepMode);
        var current = await StateScript.WriteAsync(_db, _customer, 5, Encoding.UTF8.GetBytes("swept-5"), StateScript.SweepMode);

        Assert.Equal((0L, 1L), ((long)stale, (long)current));
        Assert.Equal("swept-5", (string?)await _db.HashGetAsync(RedisKeys.State(_customer), "blob"));
    }

    [Fact]
    public async Task Script_MissingOnTheServer_IsReloaded_AndTheCallFailsRetriablyWithoutApplying()
    {
        await ApplyAsync(partition: 0, offset: 0);
        await redis.Connection.GetServers()[0].ExecuteAsync("SCRIPT", "FLUSH");

        await Assert.ThrowsAsync<ScriptReloadedException>(() => ApplyAsync(partition: 0, offset: 1));
        Assert.Equal(2L, await ApplyAsync(partition: 0, offset: 1));
    }

    [Fact]
    public async Task SequenceScript_SameEventIdAtANewOffset_IsADuplicate_AndAppendsNothing()
    {
        var first = await ApplyAsync(partition: 0, offset: 10, eventId: "e1", fingerprint: 77);
        var repeat = await ApplyAsync(partition: 0, offset: 11, eventId: "e1", fingerprint: 77);
        var repeatOnAnotherPartition = await ApplyAsync(partition: 1, offset: 3, eventId: "e1", fingerprint: 77);
        var next = await ApplyAsync(partition: 0, offset: 12, eventId: "e2", fingerprint: 78);

        Assert.Equal([1L, SequenceScript.Duplicate, SequenceScript.Duplicate, 2L], [first, repeat, repeatOnAnotherPartition, next]);
        var window = await WindowAsync();
        Assert.Equal((2, 2L), (window.Records.Count, window.LastSeqNo));
        Assert.Equal(new (int, long)[] { (0, 12L), (1, 3L) }, window.Partitions);
    }

    [Fact]
    public async Task SequenceScript_SameEventIdWithAnotherFingerprint_IsAConflict_AndStaysOneOnReplay()
    {
        await ApplyAsync(partition: 0, offset: 10, eventId: "e1", fingerprint: 77);
        var conflict = await ApplyAsync(partition: 0, offset: 11, eventId: "e1", fingerprint: 99);
        var replayedConflict = await ApplyAsync(partition: 0, offset: 11, eventId: "e1", fingerprint: 99);
        var replayedDuplicateOffset = await ApplyAsync(partition: 0, offset: 10, eventId: "e1", fingerprint: 77);

        Assert.Equal([SequenceScript.ConflictingDuplicate, SequenceScript.ConflictingDuplicate, 1L], [conflict, replayedConflict, replayedDuplicateOffset]);
        Assert.Single((await WindowAsync()).Records);
    }

    [Fact]
    public async Task SequenceScript_AnEventIdOlderThanTheHorizon_IsForgotten_AndAppliesAsNew()
    {
        for (var offset = 0; offset < 4; offset++)
        {
            await ApplyAsync(partition: 0, offset: offset, window: 2, eventId: $"e{offset}", fingerprint: (uint)offset, horizon: 3);
        }

        // A window of 2 holds e2, e3; the horizon of 3 also keeps e1's hash: e3 and e1 are repeats, e0 is taken as new.
        var recent = await ApplyAsync(partition: 0, offset: 4, window: 2, eventId: "e3", fingerprint: 3, horizon: 3);
        var evicted = await ApplyAsync(partition: 0, offset: 5, window: 2, eventId: "e1", fingerprint: 1, horizon: 3);
        var evictedConflict = await ApplyAsync(partition: 0, offset: 6, window: 2, eventId: "e1", fingerprint: 9, horizon: 3);
        var old = await ApplyAsync(partition: 0, offset: 7, window: 2, eventId: "e0", fingerprint: 0, horizon: 3);

        Assert.Equal((SequenceScript.Duplicate, SequenceScript.Duplicate, SequenceScript.ConflictingDuplicate, 5L), (recent, evicted, evictedConflict, old));
        Assert.Equal(SequenceScript.EvictedEntrySize, await _db.StringLengthAsync(RedisKeys.EvictedEventIds(_customer)));
    }

    [Fact]
    public async Task SequenceScript_TheWindowItWrites_DecodesToTheEventsApplied()
    {
        // Hostile ids (a newline, braces, a colon, non-ASCII, a length-like prefix) and both kinds, over two partitions.
        var time = new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromHours(2)).AddTicks(1234567);
        TransactionEvent[] events =
        [
            Event("a\nb", time, 12.5, TransactionKind.Purchase),
            Event("}{:x", time.AddDays(1), 0.0, TransactionKind.Refund),
            Event("日本🙂", time.AddDays(40), 1e9, TransactionKind.Purchase),
            Event("\u0002\u0000id", time.AddYears(3), 7.25, TransactionKind.Refund),
        ];
        var partitions = new[] { 4, 4, 9, 4 };
        var offsets = new[] { 100L, 101L, 7L, 102L };
        for (var i = 0; i < events.Length; i++)
        {
            var arguments = SequenceScript.Arguments(1);
            SetEvent(arguments, 0, events[i], offsets[i], fingerprint: (uint)(1000 + i));
            await SequenceScript.ApplyAsync(_db, _customer, partitions[i], 65, 65, arguments);
        }

        var window = await WindowAsync();

        Assert.Equal(4L, window.LastSeqNo);
        Assert.Equal(new (int, long)[] { (4, 102L), (9, 7L) }, window.Partitions);
        Assert.Equal(
            events.Select((e, i) => new WindowRecord(partitions[i], offsets[i], i + 1, e.OccurredAt, e.Amount, e.Kind, (uint)(1000 + i), CustomerWindowCodec.IdHash(e.EventId))),
            window.Records);
        Assert.All(window.Records, r => Assert.Equal(TimeSpan.Zero, r.OccurredAt.Offset));
    }

    [Fact]
    public async Task SequenceScript_AnEventNeedingItsExactTimeOrAmount_WidensTheWindow_AndEveryEventDecodesAsApplied()
    {
        var time = new DateTimeOffset(2026, 11, 29, 18, 0, 0, TimeSpan.Zero).AddMilliseconds(123);
        TransactionEvent[][] calls =
        [
            [Event("whole-ms", time, 19.99, TransactionKind.Purchase), Event("thousandths", time.AddDays(1), 1234.567, TransactionKind.Refund)],
            [Event("then-compact", time.AddDays(2), 5, TransactionKind.Purchase), Event("sub-ms", time.AddDays(3).AddTicks(1), 5, TransactionKind.Purchase), Event("4-decimals", time.AddDays(4), 0.1234, TransactionKind.Purchase)],
            [Event("compact-in-wide", time.AddDays(5), 4_294_967.295, TransactionKind.Refund), Event("over-2^32-thousandths", time.AddDays(6), 4_294_967.296, TransactionKind.Purchase)],
        ];
        var offset = 0L;
        var lengths = new List<long>();
        foreach (var events in calls)
        {
            var arguments = SequenceScript.Arguments(events.Length);
            for (var i = 0; i < events.Length; i++)
            {
                SetEvent(arguments, i, events[i], offset++, fingerprint: (uint)offset);
            }

            await SequenceScript.ApplyAsync(_db, _customer, 0, 65, 65, arguments);
            lengths.Add(await _db.StringLengthAsync(RedisKeys.Window(_customer)));
        }

        var applied = calls.SelectMany(c => c).ToArray();
        var window = await WindowAsync();

        // Compact events take 30 bytes until one needs its ticks or its double; from then on every record takes 46.
        var slots = CustomerWindowCodec.HeaderSize + CustomerWindowCodec.PartitionEntrySize;
        Assert.Equal([slots + (2 * 30), slots + (5 * 46), slots + (7 * 46)], lengths);
        Assert.Equal(
            applied.Select((e, i) => new WindowRecord(0, i, i + 1, e.OccurredAt, e.Amount, e.Kind, (uint)(i + 1), CustomerWindowCodec.IdHash(e.EventId))),
            window.Records);
        Assert.Equal(applied.Select(e => BitConverter.DoubleToInt64Bits(e.Amount)), window.Records.Select(r => BitConverter.DoubleToInt64Bits(r.Amount)));
    }

    [Fact]
    public async Task SequenceScript_RepeatsWithinOneCall_AreFoundAmongTheEventsItAppends()
    {
        var arguments = SequenceScript.Arguments(3);
        SetEvent(arguments, 0, 0, 1, "same", 5);
        SetEvent(arguments, 1, 0, 2, "same", 5);
        SetEvent(arguments, 2, 0, 3, "same", 6);

        var reply = (RedisResult[])(await SequenceScript.ApplyAsync(_db, _customer, 0, 65, 65, arguments))!;

        Assert.Equal([1L, SequenceScript.Duplicate, SequenceScript.ConflictingDuplicate], reply.Select(r => (long)r));
    }

    [Fact]
    public async Task SequenceScript_ComparesEventIdsByTheirHash_InTheWindowAndAmongTheEventsItAppends()
    {
        // Only the 64-bit hash of an id is kept: an event whose id hash equals an applied one's is taken as that
        // event (the README gives the odds of two ids colliding), with its fingerprint still telling a conflict.
        var arguments = SequenceScript.Arguments(3);
        SetEvent(arguments, 0, 0, 1, "first", 5);
        SetEvent(arguments, 1, 0, 2, "second", 5);
        SetEvent(arguments, 2, 0, 3, "third", 6);
        var firstHash = ((ReadOnlyMemory<byte>)arguments[4]).Slice(CustomerWindowCodec.IdHashAt - CustomerWindowCodec.EventAt, 8);
        arguments[6] = WithIdHashOf(arguments[6], firstHash);
        arguments[8] = WithIdHashOf(arguments[8], firstHash);
        var later = SequenceScript.Arguments(1);
        SetEvent(later, 0, 0, 4, "fourth", 5);
        later[4] = WithIdHashOf(later[4], firstHash);

        var applied = (RedisResult[])(await SequenceScript.ApplyAsync(_db, _customer, 0, 65, 65, arguments))!;
        var fromTheWindow = (RedisResult[])(await SequenceScript.ApplyAsync(_db, _customer, 0, 65, 65, later))!;

        Assert.Equal([1L, SequenceScript.Duplicate, SequenceScript.ConflictingDuplicate, SequenceScript.Duplicate], [.. applied.Select(r => (long)r), (long)fromTheWindow[0]]);
        Assert.Single((await WindowAsync()).Records);
    }

    [Fact]
    public async Task SequenceScript_ACustomerInWindowFormat1_IsRefusedWithAClearError_AndNothingIsWritten()
    {
        var format1 = Format1Window.WithOneEvent();
        await _db.StringSetAsync(RedisKeys.Window(_customer), format1);

        var error = await Assert.ThrowsAsync<RedisServerException>(() => ApplyAsync(partition: 0, offset: 1));

        Assert.StartsWith(SequenceScript.OldFormatError, error.Message);
        Assert.Contains(RedisKeys.Window(_customer).ToString(), error.Message);
        Assert.Contains("window format 1", error.Message);
        Assert.Contains("rebuild", error.Message);
        Assert.False(ErrorClassifier.IsRetriable(error));
        Assert.Equal(format1, (byte[])(await _db.StringGetAsync(RedisKeys.Window(_customer)))!);
    }

    [Fact]
    public async Task SequenceScript_TheIdsBeyondTheWindow_WrapAroundTheirRing_KeepingTheLatest()
    {
        for (var offset = 0; offset < 10; offset++)
        {
            await ApplyAsync(partition: 0, offset: offset, window: 2, eventId: $"e{offset}", fingerprint: (uint)offset, horizon: 5);
        }

        // The window holds e8, e9; a horizon of 5 keeps e5, e6, e7 beyond it (after wrapping a ring of 3 twice).
        var verdicts = new List<long>();
        foreach (var (id, offset) in new[] { ("e7", 10L), ("e6", 11L), ("e5", 12L), ("e4", 13L) })
        {
            verdicts.Add(await ApplyAsync(partition: 0, offset: offset, window: 2, eventId: id, fingerprint: uint.Parse(id[1..], CultureInfo.InvariantCulture), horizon: 5));
        }

        Assert.Equal([SequenceScript.Duplicate, SequenceScript.Duplicate, SequenceScript.Duplicate, 11L], verdicts);
        Assert.Equal(3 * SequenceScript.EvictedEntrySize, await _db.StringLengthAsync(RedisKeys.EvictedEventIds(_customer)));
    }

    [Fact]
    public async Task SequenceScript_TheDefaultHorizon_IsTheWindow_AndKeepsNoOtherKey()
    {
        for (var offset = 0; offset < 4; offset++)
        {
            await ApplyAsync(partition: 0, offset: offset, window: 2, eventId: $"e{offset}", horizon: 2);
        }

        var inWindow = await ApplyAsync(partition: 0, offset: 4, window: 2, eventId: "e3", horizon: 2);
        var leftIt = await ApplyAsync(partition: 0, offset: 5, window: 2, eventId: "e1", horizon: 2);

        Assert.Equal((SequenceScript.Duplicate, 5L), (inWindow, leftIt));
        Assert.False(await _db.KeyExistsAsync(RedisKeys.EvictedEventIds(_customer)));
    }

    [Fact]
    public async Task SequenceScript_AWindowSizeChange_KeepsTheLatestEventsInTheNewRing()
    {
        for (var offset = 0; offset < 5; offset++)
        {
            await ApplyAsync(partition: 0, offset: offset, window: 3);
        }

        var grown = new List<long[]>();
        foreach (var offset in new[] { 5L, 6L })
        {
            await ApplyAsync(partition: 0, offset: offset, window: 5);
            grown.Add([.. (await WindowAsync()).Records.Select(r => r.SeqNo)]);
        }

        var repeat = await ApplyAsync(partition: 0, offset: 3, window: 5);
        await ApplyAsync(partition: 0, offset: 7, window: 2);
        var shrunk = await WindowAsync();

        Assert.Equal([3L, 4L, 5L, 6L], grown[0]);
        Assert.Equal([3L, 4L, 5L, 6L, 7L], grown[1]);
        Assert.Equal(4L, repeat);
        Assert.Equal((2, 8L), (shrunk.Capacity, shrunk.LastSeqNo));
        Assert.Equal(new[] { "0-6", "0-7" }.Select(CustomerWindowCodec.IdHash), shrunk.Records.Select(r => r.EventIdHash));
    }

    [Fact]
    public async Task SequenceScript_ACustomerInTheOldStorageFormat_IsRefusedWithAClearError_AndNothingIsWritten()
    {
        await _db.HashSetAsync(RedisKeys.LegacyMeta(_customer), [new HashEntry("seq", 3), new HashEntry("p0", 12)]);

        var error = await Assert.ThrowsAsync<RedisServerException>(() => ApplyAsync(partition: 0, offset: 13));

        Assert.StartsWith(SequenceScript.OldFormatError, error.Message);
        Assert.Contains(RedisKeys.LegacyMeta(_customer).ToString(), error.Message);
        Assert.Contains("rebuild", error.Message);
        Assert.False(ErrorClassifier.IsRetriable(error));
        Assert.False(await _db.KeyExistsAsync(RedisKeys.Window(_customer)));
    }

    [Fact]
    public async Task SequenceScript_AnOffsetBeyondWhatTheFormatStores_IsRefused_AndNothingIsWritten()
    {
        await ApplyAsync(partition: 0, offset: 1);
        var before = (byte[])(await _db.StringGetAsync(RedisKeys.Window(_customer)))!;

        var error = await Assert.ThrowsAsync<RedisServerException>(() => ApplyAsync(partition: 0, offset: CustomerWindowCodec.MaxOffset + 1));
        var afterError = (byte[])(await _db.StringGetAsync(RedisKeys.Window(_customer)))!;
        var largest = await ApplyAsync(partition: 0, offset: CustomerWindowCodec.MaxOffset);

        Assert.StartsWith("CLV_WINDOW_LIMIT", error.Message);
        Assert.Contains((CustomerWindowCodec.MaxOffset + 1).ToString(CultureInfo.InvariantCulture), error.Message);
        Assert.Equal(before, afterError);
        Assert.Equal(2L, largest);
        Assert.Equal(CustomerWindowCodec.MaxOffset, (await WindowAsync()).Records[^1].Offset);
    }

    [Fact]
    public async Task SequenceScript_ACustomersPartitionBeyondWhatTheFormatNames_AnswersALimitPerEvent_WritesNothing_AndTheKnownPartitionsGoOn()
    {
        for (var partition = 0; partition < CustomerWindowCodec.MaxPartitions; partition++)
        {
            await ApplyAsync(partition, offset: 7);
        }

        var before = (byte[])(await _db.StringGetAsync(RedisKeys.Window(_customer)))!;
        var arguments = SequenceScript.Arguments(2);
        SetEvent(arguments, 0, CustomerWindowCodec.MaxPartitions, offset: 7, eventId: "beyond-7", fingerprint: 0);
        SetEvent(arguments, 1, CustomerWindowCodec.MaxPartitions, offset: 8, eventId: "beyond-8", fingerprint: 0);
        var beyond = (RedisResult[])(await SequenceScript.ApplyAsync(_db, _customer, CustomerWindowCodec.MaxPartitions, 65, 65, arguments))!;
        var unchanged = (byte[])(await _db.StringGetAsync(RedisKeys.Window(_customer)))!;
        var known = await ApplyAsync(partition: 0, offset: 8);

        Assert.Equal([SequenceScript.PartitionLimit, SequenceScript.PartitionLimit], beyond.Select(r => (long)r));
        Assert.Equal(before, unchanged);
        Assert.Equal(CustomerWindowCodec.MaxPartitions + 1, known);
        Assert.Equal(Enumerable.Range(0, CustomerWindowCodec.MaxPartitions), (await WindowAsync()).Partitions.Select(p => p.Partition));
    }

    private async Task<long> ApplyAsync(int partition, long offset, int window = 65, string? eventId = null, uint fingerprint = 0, int horizon = 65)
    {
        var arguments = SequenceScript.Arguments(1);
        SetEvent(arguments, 0, partition, offset, eventId ?? $"{partition}-{offset}", fingerprint);
        var reply = (RedisResult[])(await SequenceScript.ApplyAsync(_db, _customer, partition, window, horizon, arguments))!;
        return (long)reply[0];
    }

    private async Task<CustomerWindow> WindowAsync() => (await CustomerWindowStore.ReadAsync(_db, _customer))!;

    private TransactionEvent Event(string eventId, DateTimeOffset time, double amount, TransactionKind kind) =>
        new(eventId, _customer, time, amount, "USD", kind);

    private void SetEvent(RedisValue[] arguments, int index, int partition, long offset, string eventId, uint fingerprint) =>
        SetEvent(arguments, index, Event(eventId, DateTimeOffset.UnixEpoch.AddDays(offset % 100_000), offset, TransactionKind.Purchase), offset, fingerprint);

    private static void SetEvent(RedisValue[] arguments, int index, TransactionEvent transaction, long offset, uint fingerprint)
    {
        var record = new byte[SequenceScript.MaxEventSize];
        var length = CustomerWindowCodec.WriteEvent(record, transaction, fingerprint);
        SequenceScript.SetEvent(arguments, index, offset, record[..length]);
    }

    private static RedisValue WithIdHashOf(RedisValue record, ReadOnlyMemory<byte> idHash)
    {
        var bytes = ((ReadOnlyMemory<byte>)record).ToArray();
        idHash.Span.CopyTo(bytes.AsSpan(CustomerWindowCodec.IdHashAt - CustomerWindowCodec.EventAt));
        return bytes;
    }
}
