using Clv.Benchmarks;
using Clv.Benchmarks.Onnx;
using Clv.Model.Features;
using Clv.Model.Network;

namespace Clv.Benchmarks.Tests;

/// <summary>The ONNX graph the benchmark times computes what the model computes, so the comparison is of like with like.</summary>
public sealed class LstmOnnxGraphTests
{
    private const float Tolerance = 1e-5f;

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    public void OnnxRuntime_FedBackOverTwentySteps_MatchesModelStateAndHeads(int hidden)
    {
        var model = BenchmarkModels.Create(hidden);
        var layout = model.Layout;
        using var onnx = new OnnxLstmStep(model);
        var random = new Random(hidden);
        var h = new float[hidden];
        var c = new float[hidden];
        var heads = new float[TaskHeads.ScratchSize(layout)];
        var outputs = heads.AsSpan(layout.HeadInput + layout.Dense, ParameterLayout.HeadOutputs);

        for (var step = 0; step < 20; step++)
        {
            for (var i = 0; i < onnx.X.Length; i++)
            {
                onnx.X[i] = (float)((random.NextDouble() * 4) - 2);
            }

            var orderValues = new OrderValueMoments(step + 1, 3 + random.NextDouble(), step * random.NextDouble());
            model.Encoder.HeadContext(random.NextDouble() * 300, orderValues, onnx.Context);
            h.CopyTo(onnx.H);
            c.CopyTo(onnx.C);

            onnx.Run();
            model.Step(onnx.X, h, c);
            TaskHeads.Forward(layout, model.Parameters, h, onnx.Context, heads.AsSpan(0, layout.HeadInput), heads.AsSpan(layout.HeadInput, layout.Dense), outputs);

            AssertClose(h, onnx.HOut, $"h after step {step}");
            AssertClose(c, onnx.COut, $"c after step {step}");
            AssertClose(outputs, onnx.Heads, $"heads after step {step}");
        }
    }

    [Fact]
    public void OnnxRuntime_HeadOutputs_GiveTheChurnProbabilityPredictReports()
    {
        var model = BenchmarkModels.Create(32);
        using var onnx = new OnnxLstmStep(model);
        onnx.X.AsSpan().Fill(0.5f);
        var orderValues = new OrderValueMoments(4, 3.7, 1.2);
        model.Encoder.HeadContext(10, orderValues, onnx.Context);
        var h = new float[32];
        var c = new float[32];

        onnx.Run();
        model.Step(onnx.X, h, c);
        var predicted = model.Predict(h, orderValues, 10, model.Config.HorizonDays, model.Config.ClvHorizonDays);

        Assert.Equal(predicted.ChurnProbability, WindowHeads.Window(onnx.Heads, model.Config.HorizonDays, 0).ChurnProbability, 1e-5);
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var difference = Math.Abs(expected[i] - actual[i]);
            Assert.True(difference <= Tolerance, $"{what}[{i}]: model {expected[i]:R}, ONNX Runtime {actual[i]:R} (|diff| {difference:E2} > {Tolerance:E0})");
        }
    }
}
