using Clv.Model.Data;
using Clv.Workers.State;

namespace Clv.Workers.Tests;

public sealed class CustomerSlotPoolTests
{
    [Fact]
    public void ARentedSlot_CarriesNothingOfItsPreviousCustomer()
    {
        var model = TestModels.Create();
        var pool = new CustomerSlotPool();
        var used = pool.Rent("a", model.Config.HiddenSize);
        var state = used.State;
        state.Lstm.Advance(model, new CustomerEvent(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), 10, false));
        (state.SeqNo, state.ModelVersion, state.LastChurn, state.ReferenceChurn, state.LevelArmed) = (4, "v", 0.9, 0.2, false);
        (state.EpisodeStartMs, state.EpisodeOpenChurn, state.SilenceLevel, state.Partition) = (5, 0.85, 2, 3);
        state.AlertTimesMs.Add(5);
        (used.Found, used.IsCurrent, used.Checked, used.RebuildBefore, used.Dirty) = (true, true, true, 4, true);
        pool.Return(used);

        var reused = pool.Rent("b", model.Config.HiddenSize);
        var fresh = new ScoringState("b", model.Config.HiddenSize);

        Assert.Same(used, reused);
        var s = reused.State;
        Assert.Equal(
            (fresh.CustomerId, fresh.SeqNo, fresh.ModelVersion, fresh.LastChurn, fresh.ReferenceChurn, fresh.LevelArmed, fresh.EpisodeStartMs, fresh.SilenceLevel, fresh.Partition, 0, fresh.Lstm.LastEventTime, 0L),
            (s.CustomerId, s.SeqNo, s.ModelVersion, s.LastChurn, s.ReferenceChurn, s.LevelArmed, s.EpisodeStartMs, s.SilenceLevel, s.Partition, s.AlertTimesMs.Count, s.Lstm.LastEventTime, s.Lstm.EventCount));
        Assert.All(s.Lstm.Hidden.Concat(s.Lstm.Cell), v => Assert.Equal(0f, v));
        Assert.Equal((false, false, false, 0L, false), (reused.Found, reused.IsCurrent, reused.Checked, reused.RebuildBefore, reused.Dirty));
    }

    [Fact]
    public void ASlotOfAnotherHiddenSize_IsNotReused()
    {
        var pool = new CustomerSlotPool();
        var small = pool.Rent("a", 8);
        pool.Return(small);

        Assert.Equal(16, pool.Rent("b", 16).State.Lstm.Hidden.Length);
    }
}
