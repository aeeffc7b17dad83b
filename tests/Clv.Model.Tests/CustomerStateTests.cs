using Clv.Model;
using Clv.Model.Features;
using Clv.TestInfrastructure.Reference;

namespace Clv.Model.Tests;

public sealed class CustomerStateTests
{
    // Advance and Rebuild run the same step, so comparing them with each other proves nothing about the step:
    // each is compared with the reference written from docs/model.md instead.
    [Fact]
    public void AdvanceRebuildAndScoreSequence_EachMatchTheReference()
    {
        var model = RandomModels.Create(seed: 11, hidden: 16, dense: 12);
        var reference = new ReferenceModel(model);
        var events = RandomModels.Events(40, seed: 11);
        var asOf = events[^1].Time.AddDays(17);
        var expected = reference.Score(events, asOf, 90, 365);
        var (h, c) = reference.State(events);

        var incremental = new CustomerState(model.Config.HiddenSize);
        foreach (var e in events)
        {
            incremental.Advance(model, e);
        }

        var rebuilt = new CustomerState(model.Config.HiddenSize);
        rebuilt.Rebuild(model, events);

        foreach (var (name, state) in new[] { ("advanced", incremental), ("rebuilt", rebuilt) })
        {
            Assert.Null(ReferenceAgreement.FirstDifference(h, state.Hidden, $"{name} h"));
            Assert.Null(ReferenceAgreement.FirstDifference(c, state.Cell, $"{name} c"));
            Assert.Null(ReferenceAgreement.FirstDifference(expected, state.Score(model, asOf, 90, 365)));
        }

        Assert.Null(ReferenceAgreement.FirstDifference(expected, CustomerState.ScoreSequence(model, events, asOf, 90, 365)));
    }

    [Theory]
    [InlineData(1, 40, 8)]
    [InlineData(2, 9, 8)]
    [InlineData(3, 8, 8)]
    public void Rebuild_HistoryLongerThanTheWindow_MatchesTheReferenceOverTheLastWEvents(int seed, int count, int window)
    {
        var model = RandomModels.Create(seed, hidden: 12, dense: 9, window);
        var events = RandomModels.Events(count, seed);
        var rebuilt = new CustomerState(12);

        rebuilt.Rebuild(model, events);

        var (h, c) = new ReferenceModel(model).State(events);
        Assert.Null(ReferenceAgreement.FirstDifference(h, rebuilt.Hidden, "h"));
        Assert.Null(ReferenceAgreement.FirstDifference(c, rebuilt.Cell, "c"));
        Assert.Equal(events[^1].Time, rebuilt.LastEventTime);
        Assert.Equal(count, rebuilt.EventCount);
        Assert.Equal(events[^Math.Min(count, window)..].Count(e => !e.IsRefund), rebuilt.OrderValues.Count);
    }

    [Fact]
    public void Restore_OrderValueMomentsNoHistoryCanProduce_IsRefusedAndLeavesTheStateAlone()
    {
        var model = TestEvents.Model();
        var state = new CustomerState(model.Config.HiddenSize);
        state.Rebuild(model, TestEvents.Sequence(6, seed: 3));
        var before = (state.Hidden.ToArray(), state.OrderValues, state.EventCount);

        var error = Assert.Throws<ArgumentException>(() =>
            state.Restore(new float[model.Config.HiddenSize], new float[model.Config.HiddenSize], null, 0, new OrderValueMoments(-2, 1, 0), default));

        Assert.Contains("Order-value moments", error.Message);
        Assert.Equal(before.Item1, state.Hidden);
        Assert.Equal((before.OrderValues, before.EventCount), (state.OrderValues, state.EventCount));
    }

    [Fact]
    public void Advance_AndScore_AllocateNothing()
    {
        var model = TestEvents.Model(hidden: 32, dense: 32);
        var events = TestEvents.Sequence(64, seed: 5);
        var state = new CustomerState(model.Config.HiddenSize);
        state.Advance(model, events[0]);
        _ = state.Score(model, events[0].Time, 30, 365);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i < events.Length; i++)
        {
            state.Advance(model, events[i]);
            _ = state.Score(model, events[i].Time.AddDays(3), 30, 365);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Score_LongerSilence_ChangesChurnThroughRecencyInput()
    {
        var model = TestEvents.Model();
        var events = TestEvents.Sequence(5, seed: 9);
        var state = new CustomerState(model.Config.HiddenSize);
        state.Rebuild(model, events);

        var soon = state.Score(model, events[^1].Time.AddDays(1), 90, 365);
        var late = state.Score(model, events[^1].Time.AddDays(400), 90, 365);

        Assert.NotEqual(soon.ChurnProbability, late.ChurnProbability);
    }
}
