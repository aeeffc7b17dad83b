using System.Text;
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

    private static async Task<long[]> ApplyAsync(IDatabase db, string customerId, int partition, params long[] offsets)
    {
        var arguments = SequenceScript.Arguments(offsets.Length);
        for (var i = 0; i < offsets.Length; i++)
        {
            SequenceScript.SetEvent(arguments, i, offsets[i], Encoding.UTF8.GetBytes($"{{\"event_id\":\"e{offsets[i]}\"}}"), $"e{offsets[i]}", (ulong)offsets[i]);
        }
        return (long[])(await SequenceScript.ApplyAsync(db, customerId, partition, Window, horizon: 4 * Window, arguments))!;
    }
}
