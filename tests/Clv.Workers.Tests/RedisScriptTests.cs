using System.Text;
using Clv.TestInfrastructure;
using Clv.Hosting.Redis;
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
        Assert.Equal(2, await _db.ListLengthAsync(RedisKeys.Sequence(_customer)));
    }

    [Fact]
    public async Task SequenceScript_BatchOfRepeatsAndNewOffsets_GivesEachItsSeqNoInOrder()
    {
        await ApplyAsync(partition: 0, offset: 5);
        var arguments = SequenceScript.Arguments(3);
        SequenceScript.SetEvent(arguments, 0, 5, "{}"u8.ToArray(), "e5", 5);
        SequenceScript.SetEvent(arguments, 1, 6, "{}"u8.ToArray(), "e6", 6);
        SequenceScript.SetEvent(arguments, 2, 9, "{}"u8.ToArray(), "e9", 9);

        var reply = (RedisResult[])(await SequenceScript.ApplyAsync(_db, _customer, 0, 64, 1024, arguments))!;

        Assert.Equal([1L, 2L, 3L], reply.Select(r => (long)r));
    }

    [Fact]
    public async Task SequenceScript_KeepsOnlyTheWindow_AndEntriesCarryTheirSeqNo()
    {
        for (var offset = 0; offset < 10; offset++)
        {
            await ApplyAsync(partition: 0, offset: offset, window: 4);
        }

        var entries = await _db.ListRangeAsync(RedisKeys.Sequence(_customer));
        var seqNos = entries.Select(e => SequenceEntry.TryParse((ReadOnlyMemory<byte>)e, out var entry) ? entry.SeqNo : -1);
        Assert.Equal([7L, 8L, 9L, 10L], seqNos);
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
        Assert.Equal(2, await _db.ListLengthAsync(RedisKeys.Sequence(_customer)));
        Assert.Equal(2L, (long)await _db.HashGetAsync(RedisKeys.Meta(_customer), "seq"));
    }

    [Fact]
    public async Task SequenceScript_SameEventIdWithAnotherFingerprint_IsAConflict_AndStaysOneOnReplay()
    {
        await ApplyAsync(partition: 0, offset: 10, eventId: "e1", fingerprint: 77);
        var conflict = await ApplyAsync(partition: 0, offset: 11, eventId: "e1", fingerprint: 99);
        var replayedConflict = await ApplyAsync(partition: 0, offset: 11, eventId: "e1", fingerprint: 99);
        var replayedDuplicateOffset = await ApplyAsync(partition: 0, offset: 10, eventId: "e1", fingerprint: 77);

        Assert.Equal([SequenceScript.ConflictingDuplicate, SequenceScript.ConflictingDuplicate, 1L], [conflict, replayedConflict, replayedDuplicateOffset]);
        Assert.Equal(1, await _db.ListLengthAsync(RedisKeys.Sequence(_customer)));
    }

    [Fact]
    public async Task SequenceScript_AnEventIdOlderThanTheHorizon_IsForgotten_AndAppliesAsNew()
    {
        for (var offset = 0; offset < 4; offset++)
        {
            await ApplyAsync(partition: 0, offset: offset, window: 2, eventId: $"e{offset}", fingerprint: (ulong)offset, horizon: 3);
        }

        // The horizon of 3 remembers e1..e3: e3 is a repeat, e0 (four events ago) is taken as new.
        var recent = await ApplyAsync(partition: 0, offset: 4, window: 2, eventId: "e3", fingerprint: 3, horizon: 3);
        var old = await ApplyAsync(partition: 0, offset: 5, window: 2, eventId: "e0", fingerprint: 0, horizon: 3);

        Assert.Equal((SequenceScript.Duplicate, 5L), (recent, old));
        Assert.Equal(3, await _db.ListLengthAsync(RedisKeys.EventIdOrder(_customer)));
        Assert.Equal(3, await _db.HashLengthAsync(RedisKeys.EventIds(_customer)));
    }

    private async Task<long> ApplyAsync(int partition, long offset, int window = 64, string? eventId = null, ulong fingerprint = 0, int horizon = 1024)
    {
        var arguments = SequenceScript.Arguments(1);
        SequenceScript.SetEvent(arguments, 0, offset, Encoding.UTF8.GetBytes($"{{\"offset\":{offset}}}"), eventId ?? $"{partition}-{offset}", fingerprint);
        var reply = (RedisResult[])(await SequenceScript.ApplyAsync(_db, _customer, partition, window, horizon, arguments))!;
        return (long)reply[0];
    }
}
