using Clv.Model.Features;
using Clv.Model.Network;
using Clv.TestInfrastructure.Reference;

namespace Clv.Model.Tests;

/// <summary>
/// The production forward pass (float, spans, System.Numerics.Tensors) against the plain double reference written
/// from docs/model.md, on random weights and random event sequences: each part alone, then the whole pass.
/// </summary>
public sealed class ReferenceModelTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 },
        { 2, 5, 3 },
        { 3, 16, 12 },
        { 4, 32, 32 },
        { 5, 7, 20 },
        { 6, 64, 40 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Features_OfEveryEvent_MatchTheReference(int seed, int hidden, int dense)
    {
        var model = RandomModels.Create(seed, hidden, dense);
        var events = RandomModels.Events(200, seed);
        Span<float> x = stackalloc float[FeatureEncoder.InputSize];
        for (var t = 0; t < events.Length; t++)
        {
            DateTime? previous = t > 0 ? events[t - 1].Time : null;
            model.Encoder.Encode(events[t], previous, x);
            var expected = ReferenceFeatures.Event(events[t], previous, model.Statistics);
            for (var p = 0; p < expected.Length; p++)
            {
                Assert.True(Math.Abs(expected[p] - x[p]) <= 1e-6 * Math.Max(1, Math.Abs(expected[p])), $"event {t} input {p}: reference {expected[p]}, got {x[p]}");
            }
        }

        Assert.Equal(ReferenceFeatures.Recency(41.5, model.Statistics), model.Encoder.Recency(41.5), 1e-6);
        Assert.Equal(ReferenceFeatures.Recency(0, model.Statistics), model.Encoder.Recency(-3), 1e-6);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void OrderValueInputs_AfterEveryEvent_MatchTheReference(int seed, int hidden, int dense)
    {
        var model = RandomModels.Create(seed, hidden, dense);
        var events = RandomModels.Events(200, seed);
        var moments = new OrderValueMoments();
        var inputs = new float[2];
        model.Encoder.OrderValueInputs(moments, inputs);
        Assert.Equal(0, inputs[0], 1e-6);
        Assert.Equal(0, inputs[1], 1e-6);
        for (var t = 0; t < events.Length; t++)
        {
            moments.Add(events[t]);
            model.Encoder.OrderValueInputs(moments, inputs);
            Assert.Null(ReferenceAgreement.FirstDifference(ReferenceFeatures.OrderValues(events[..(t + 1)], model.Statistics.OrderValues), inputs, $"event {t}"));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void LstmStep_FromRandomStates_MatchesTheReference(int seed, int hidden, int dense)
    {
        var model = RandomModels.Create(seed, hidden, dense);
        var reference = new ReferenceWeights(model.Config.InputSize, hidden, dense, model.Parameters.ToArray());
        var random = new Random(seed);
        for (var trial = 0; trial < 50; trial++)
        {
            var x = Uniform(random, model.Config.InputSize, 2);
            var h = Uniform(random, hidden, 1);
            var c = Uniform(random, hidden, 3);
            var (expectedH, expectedC) = ReferenceLstmStep.Step(reference, Doubles(x), Doubles(h), Doubles(c));

            model.Step(x, h, c);

            Assert.Null(ReferenceAgreement.FirstDifference(expectedH, h, $"trial {trial} h"));
            Assert.Null(ReferenceAgreement.FirstDifference(expectedC, c, $"trial {trial} c"));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void RawHeads_OfScoring_MatchTheReferenceDenseLayer(int seed, int hidden, int dense)
    {
        var model = RandomModels.Create(seed, hidden, dense);
        var reference = new ReferenceWeights(model.Config.InputSize, hidden, dense, model.Parameters.ToArray());
        var random = new Random(seed);
        var outputs = new float[ParameterLayout.HeadOutputs];
        for (var trial = 0; trial < 50; trial++)
        {
            var h = Uniform(random, hidden, 1);
            var context = Uniform(random, FeatureEncoder.HeadContextSize, 2);

            model.Heads(h, context, outputs);

            var expected = ReferenceDenseLayer.Outputs(reference, Doubles(h), context[0], Doubles(context[1..]));
            Assert.Null(ReferenceAgreement.FirstDifference(expected, outputs, $"trial {trial} outputs"));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Heads_OnRandomStates_RecenciesAndHorizons_MatchTheReference(int seed, int hidden, int dense)
    {
        var model = RandomModels.Create(seed, hidden, dense);
        var reference = new ReferenceModel(model);
        var random = new Random(seed);
        for (var trial = 0; trial < 200; trial++)
        {
            var h = Uniform(random, hidden, 1);
            var recency = trial % 10 == 0 ? 0 : random.NextDouble() * 600;
            var horizon = 1 + random.Next(1000);
            var clvHorizon = 1 + random.Next(1000);
            var orders = RandomModels.Events(trial % 7, seed + trial);
            var moments = new OrderValueMoments();
            foreach (var e in orders)
            {
                moments.Add(e);
            }

            var scores = model.Predict(h, moments, recency, horizon, clvHorizon);

            var expected = reference.Score(Doubles(h), ReferenceFeatures.OrderValues(orders, model.Statistics.OrderValues), recency, horizon, clvHorizon);
            var difference = ReferenceAgreement.FirstDifference(expected, scores);
            Assert.True(difference is null, $"trial {trial} (recency {recency}, horizons {horizon}/{clvHorizon}): {difference}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void CustomerState_EventByEvent_MatchesTheReferenceAfterEveryEvent(int seed, int hidden, int dense)
    {
        var model = RandomModels.Create(seed, hidden, dense);
        var reference = new ReferenceModel(model);
        var events = RandomModels.Events(60, seed + 100);
        var state = new CustomerState(hidden);
        var random = new Random(seed);
        for (var t = 0; t < events.Length; t++)
        {
            state.Advance(model, events[t]);
            var prefix = events[..(t + 1)];
            var (h, c) = reference.State(prefix);
            Assert.Null(ReferenceAgreement.FirstDifference(h, state.Hidden, $"event {t} h"));
            Assert.Null(ReferenceAgreement.FirstDifference(c, state.Cell, $"event {t} c"));

            var asOf = events[t].Time.AddDays(random.NextDouble() * 200);
            var difference = ReferenceAgreement.FirstDifference(
                reference.Score(prefix, asOf, model.Config.HorizonDays, model.Config.ClvHorizonDays),
                state.Score(model, asOf, model.Config.HorizonDays, model.Config.ClvHorizonDays));
            Assert.True(difference is null, $"event {t}: {difference}");
        }
    }

    private static float[] Uniform(Random random, int length, double scale)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)(((random.NextDouble() * 2) - 1) * scale);
        }

        return values;
    }

    private static double[] Doubles(float[] values) => [.. values.Select(v => (double)v)];
}
