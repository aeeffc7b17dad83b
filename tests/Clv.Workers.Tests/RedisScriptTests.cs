using System.Text;
using Clv.TestInfrastructure;
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
        (arguments[2], arguments[3], arguments[4], arguments[5], arguments[6], arguments[7]) = (5, "{}", 6, "{}", 9, "{}");

        var reply = (RedisResult[])(await SequenceScript.ApplyAsync(_db, _customer, 0, 64, arguments))!;

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
    public async Task SequenceScript_RepeatOlderThanTheWindow_ReturnsZero()
    {
        for (var offset = 0; offset < 5; offset++)
        {
            await ApplyAsync(partition: 0, offset: offset, window: 2);
        }

        Assert.Equal(0L, await ApplyAsync(partition: 0, offset: 1, window: 2));
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

    private async Task<long> ApplyAsync(int partition, long offset, int window = 64)
    {
        var arguments = SequenceScript.Arguments(1);
        (arguments[2], arguments[3]) = (offset, Encoding.UTF8.GetBytes($"{{\"offset\":{offset}}}"));
        var reply = (RedisResult[])(await SequenceScript.ApplyAsync(_db, _customer, partition, window, arguments))!;
        return (long)reply[0];
    }
}
