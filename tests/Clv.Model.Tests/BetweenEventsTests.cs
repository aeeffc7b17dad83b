using Clv.Model.Data;
using Clv.TestInfrastructure.Reference;

namespace Clv.Model.Tests;

/// <summary>
/// Between two events spend and CLV move only as P(purchase within the horizon) moves (docs/model.md, "Between
/// events"): E[spend](s) / E[spend](0) = (1 - q_H(s)) / (1 - q_H(0)) and CLV(s) / CLV(0) = (1 - q_Hc(s)) / (1 - q_Hc(0)),
/// with q the churn the model emits for that horizon. Checked on random models, whose recency weights move every head
/// output, so heads read at the current recency would break the ratios.
/// </summary>
public sealed class BetweenEventsTests
{
    private static readonly double[] SilentDays = [0.25, 1, 7, 30, 90, 365];

    // Ratios of doubles computed from the same float outputs: they agree to rounding.
    private const double RatioTolerance = 1e-9;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void SpendAndClv_DuringASilence_MoveAsTheEmittedChurnsSurvivalRatio(int seed)
    {
        var model = RandomModels.Create(seed, hidden: 8, dense: 6);
        var (horizon, clvHorizon) = (model.HorizonDays, model.ClvHorizonDays);
        var events = RandomModels.Events(40, seed + 50);
        var state = new CustomerState(model.HiddenSize);
        var churnMoved = 0;
        for (var i = 0; i < events.Length; i++)
        {
            state.Advance(model, events[i]);
            if (i % 4 != 3)
            {
                continue;
            }

            var last = state.LastEventTime!.Value;
            var atEvent = state.Score(model, last, horizon, clvHorizon);
            var clvChurnAtEvent = state.Score(model, last, clvHorizon, clvHorizon).ChurnProbability;
            foreach (var days in SilentDays)
            {
                var asOf = last.AddDays(days);
                var silent = state.Score(model, asOf, horizon, clvHorizon);
                var clvChurn = state.Score(model, asOf, clvHorizon, clvHorizon).ChurnProbability;

                var spendRatio = (1 - silent.ChurnProbability) / (1 - atEvent.ChurnProbability);
                var clvRatio = (1 - clvChurn) / (1 - clvChurnAtEvent);
                Assert.Equal(spendRatio, silent.ExpectedSpend / atEvent.ExpectedSpend, RatioTolerance * spendRatio);
                Assert.Equal(clvRatio, silent.Clv / atEvent.Clv, RatioTolerance * clvRatio);
                churnMoved += Math.Abs(spendRatio - 1) > 0.01 ? 1 : 0;
            }
        }

        Assert.True(churnMoved > 10, $"churn moved by more than 1% in only {churnMoved} silences: the ratios were not put to the test");
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Quantiles_DuringASilence_AreThoseOfTheEmittedZeroMassAndTheLognormalAsOfTheEvent(int seed)
    {
        var model = RandomModels.Create(seed, hidden: 6, dense: 5);
        var reference = new ReferenceModel(model);
        var (horizon, clvHorizon) = (model.HorizonDays, model.ClvHorizonDays);
        var events = RandomModels.Events(30, seed + 7);
        var state = new CustomerState(model.HiddenSize);
        for (var i = 0; i < events.Length; i++)
        {
            state.Advance(model, events[i]);
            var last = state.LastEventTime!.Value;
            // The reference's lognormal given a purchase, as of the event (its own implementation of the heads).
            var atEvent = reference.Score(events[..(i + 1)], last, horizon, clvHorizon);
            foreach (var days in SilentDays)
            {
                var asOf = last.AddDays(days);
                var silent = state.Score(model, asOf, horizon, clvHorizon);
                var clvChurn = state.Score(model, asOf, clvHorizon, clvHorizon).ChurnProbability;
                var spend = atEvent.Spend with { ZeroMass = silent.ChurnProbability };
                var clv = atEvent.Clv with { ZeroMass = clvChurn };

                AssertAtLevel(spend, 0.1, silent.SpendP10, $"event {i}, {days} days, spend P10");
                AssertAtLevel(spend, 0.9, silent.SpendP90, $"event {i}, {days} days, spend P90");
                AssertAtLevel(clv, 0.1, silent.ClvP10, $"event {i}, {days} days, CLV P10");
                AssertAtLevel(clv, 0.9, silent.ClvP90, $"event {i}, {days} days, CLV P90");
            }
        }
    }

    /// <summary>
    /// Issue 15's customer 01032 buys monthly; after 30 silent days its CLV fell from 380.53 to 195.18 while churn moved
    /// from 0.104 to 0.121: the heads read CLV afresh at the new recency. Now the CLV after 30 silent days is the CLV at
    /// the event times the survival ratio of the CLV horizon, and not what the heads' value outputs at recency 30 say.
    /// </summary>
    [Fact]
    public void MonthlyBuyer_After30SilentDays_ClvIsTheClvAtTheEventTimesTheSurvivalRatio()
    {
        var model = RandomModels.Create(21, hidden: 8, dense: 6);
        var (horizon, clvHorizon) = (model.HorizonDays, model.ClvHorizonDays);
        var start = new DateTime(1997, 1, 3, 10, 0, 0, DateTimeKind.Utc);
        var events = Enumerable.Range(0, 12).Select(m => new CustomerEvent(start.AddDays(30 * m), 25 + (m % 3 * 5), false)).ToArray();
        var state = new CustomerState(model.HiddenSize);
        foreach (var e in events)
        {
            state.Advance(model, e);
        }

        var last = events[^1].Time;
        var atEvent = state.Score(model, last, horizon, clvHorizon);
        var after30 = state.Score(model, last.AddDays(30), horizon, clvHorizon);
        var survival = (1 - state.Score(model, last.AddDays(30), clvHorizon, clvHorizon).ChurnProbability)
            / (1 - state.Score(model, last, clvHorizon, clvHorizon).ChurnProbability);

        Assert.Equal(atEvent.Clv * survival, after30.Clv, 1e-9 * atEvent.Clv);

        // What the heads would say at recency 30 on their own (the equations before this change, by the reference):
        // far enough from the relation that the assertion above tells the two apart.
        var weights = new ReferenceWeights(model.Config.InputSize, model.HiddenSize, model.Config.DenseSize, model.Parameters.ToArray());
        var h = Array.ConvertAll(state.Hidden, v => (double)v);
        var orderValues = ReferenceFeatures.OrderValues(events, model.Statistics.OrderValues);
        var outputs = ReferenceDenseLayer.Outputs(weights, h, ReferenceFeatures.Recency(30, model.Statistics), orderValues);
        var churn = new ReferenceChurnHead(outputs);
        var independent = ReferenceClvHead.Clv(churn, churn, outputs, clvHorizon, model.AnnualDiscountRate).Mean;
        Assert.True(Math.Abs(independent - after30.Clv) > 0.01 * after30.Clv, $"heads at recency 30 alone give {independent}, the relation {after30.Clv}");
    }

    private static void AssertAtLevel(ReferenceZeroInflatedLogNormal mixture, double level, double quantile, string what) =>
        Assert.True(
            ReferenceAgreement.IsAtLevel(mixture, level, quantile),
            $"{what}: {quantile} is at level {mixture.Cdf(quantile)} (zero mass {mixture.ZeroMass}), expected {level}");
}
