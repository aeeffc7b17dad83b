using System.Text;
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
        var payload = Encoding.UTF8.GetBytes("{\"event_id\":\"a\"}");

        var first = (RedisResult[])(await SequenceScript.ApplyAsync(db, "seq-repeat", 2, 10, Window, payload))!;
        var second = (RedisResult[])(await SequenceScript.ApplyAsync(db, "seq-repeat", 2, 11, Window, payload))!;
        var repeat = (RedisResult[])(await SequenceScript.ApplyAsync(db, "seq-repeat", 2, 10, Window, payload))!;

        Assert.Equal([1L, 1L, 1L, 2L, 0L, 1L], [(long)first[0], (long)first[1], (long)second[0], (long)second[1], (long)repeat[0], (long)repeat[1]]);
    }

    [Fact]
    public async Task SequenceScript_KeepsOnlyTheWindowOfLatestEntries_InTheirStoredFormat()
    {
        var db = garnet.Connection.GetDatabase();
        for (var offset = 0; offset < 5; offset++)
        {
            await SequenceScript.ApplyAsync(db, "seq-window", 0, offset, Window, Encoding.UTF8.GetBytes($"e{offset}"));
        }

        var stored = await db.ListRangeAsync(RedisKeys.Sequence("seq-window"));
        var seqNos = new List<long>();
        foreach (var element in stored)
        {
            Assert.True(SequenceEntry.TryParse((byte[])element!, out var entry));
            seqNos.Add(entry.SeqNo);
        }
        Assert.Equal([3L, 4L, 5L], seqNos);
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
}
