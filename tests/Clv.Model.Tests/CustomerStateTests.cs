using Clv.Model;
using Clv.Model.Data;

namespace Clv.Model.Tests;

public sealed class CustomerStateTests
{
    [Fact]
    public void Advance_EventByEvent_MatchesFullForwardPassToOneMillionth()
    {
        var model = TestEvents.Model();
        var events = TestEvents.Sequence(40, seed: 11);
        var incremental = new CustomerState(model.Config.HiddenSize);
        foreach (var e in events)
        {
            incremental.Advance(model, e);
        }

        var full = new CustomerState(model.Config.HiddenSize);
        full.Rebuild(model, events);
        var asOf = events[^1].Time.AddDays(17);

        AssertClose(full.Hidden, incremental.Hidden, 1e-6);
        AssertClose(full.Cell, incremental.Cell, 1e-6);
        AssertScoresClose(
            CustomerState.ScoreSequence(model, events, asOf, 90, 365),
            incremental.Score(model, asOf, 90, 365),
            1e-6);
    }

    [Fact]
    public void Rebuild_HistoryLongerThanWindow_EqualsStepsOverTheWindowOnly()
    {
        var model = TestEvents.Model(window: 8);
        var events = TestEvents.Sequence(20, seed: 3);
        var full = new CustomerState(model.Config.HiddenSize);
        full.Rebuild(model, events);

        var windowed = new CustomerState(model.Config.HiddenSize);
        windowed.Restore(new float[model.Config.HiddenSize], new float[model.Config.HiddenSize], events[11].Time, 12);
        for (var i = 12; i < events.Length; i++)
        {
            windowed.Advance(model, events[i]);
        }

        AssertClose(windowed.Hidden, full.Hidden, 1e-6);
        Assert.Equal(20, full.EventCount);
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

    private static void AssertClose(float[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    private static void AssertScoresClose(ModelScores expected, ModelScores actual, double relative)
    {
        (string Name, double Expected, double Actual)[] pairs =
        [
            ("churn", expected.ChurnProbability, actual.ChurnProbability),
            ("spend", expected.ExpectedSpend, actual.ExpectedSpend),
            ("spendP10", expected.SpendP10, actual.SpendP10),
            ("spendP90", expected.SpendP90, actual.SpendP90),
            ("clv", expected.Clv, actual.Clv),
            ("clvP10", expected.ClvP10, actual.ClvP10),
            ("clvP90", expected.ClvP90, actual.ClvP90),
        ];
        foreach (var (name, e, a) in pairs)
        {
            Assert.True(Math.Abs(e - a) <= relative * Math.Max(1, Math.Abs(e)), $"{name}: expected {e}, got {a}");
        }
    }
}
