using BenchmarkDotNet.Attributes;
using Clv.Benchmarks.Onnx;
using Clv.Model;
using Clv.Model.Data;
using Clv.Model.Features;
using Clv.Model.Network;

namespace Clv.Benchmarks;

/// <summary>
/// One scoring step at each hidden size: the scorer's own call (<see cref="MtlLstmModel.Step(ReadOnlySpan{float}, Span{float}, Span{float})"/>
/// and <see cref="MtlLstmModel.Predict"/>, heads at the churn and CLV horizons with quantiles), the same cell and
/// one heads pass alone (exactly the work of the ONNX graph), the same work through the training forward pass
/// (the previous scoring kernel), and that graph through ONNX Runtime.
/// </summary>
[MemoryDiagnoser]
public class StepBenchmarks
{
    private MtlLstmModel _model = null!;
    private OnnxLstmStep _onnx = null!;
    private float[] _x = null!;
    private float[] _h = null!;
    private float[] _c = null!;
    private float[] _scratch = null!;
    private float[] _trainingScratch = null!;
    private float[] _headScratch = null!;
    private float[] _context = null!;
    private OrderValueMoments _orderValues;

    [Params(16, 32, 64)]
    public int Hidden { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = BenchmarkModels.Create(Hidden);
        _x = new float[_model.Config.InputSize];
        _model.Encoder.Encode(new CustomerEvent(new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Utc), 42.5, false), new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc), _x);
        _h = new float[Hidden];
        _c = new float[Hidden];
        _scratch = new float[_model.StepScratchSize];
        _trainingScratch = new float[5 * Hidden];
        _headScratch = new float[TaskHeads.ScratchSize(_model.Layout)];
        _orderValues = new OrderValueMoments(3, 3.5, 0.8);
        _context = new float[FeatureEncoder.HeadContextSize];
        _model.Encoder.HeadContext(3, _orderValues, _context);

        _onnx = new OnnxLstmStep(_model);
        _x.CopyTo(_onnx.X);
        _context.CopyTo(_onnx.Context, 0);
    }

    [GlobalCleanup]
    public void Cleanup() => _onnx.Dispose();

    [Benchmark(Baseline = true, Description = "Step + Predict (scorer)")]
    public double StepAndPredict()
    {
        _model.Step(_x, _h, _c, _scratch);
        return _model.Predict(_h, _orderValues, 3, _model.Config.HorizonDays, _model.Config.ClvHorizonDays).ChurnProbability;
    }

    [Benchmark(Description = "cell + one heads pass (graph's work)")]
    public float StepAndRawHeads()
    {
        var outputs = _headScratch.AsSpan(0, ParameterLayout.HeadOutputs);
        _model.Step(_x, _h, _c, _scratch);
        _model.Heads(_h, _context, outputs);
        return outputs[ParameterLayout.InactiveLogit];
    }

    /// <summary>
    /// The same work through the training forward pass (one multiply-add per input over the 4H gates, the dense
    /// layer as one dot per output, keeping what the backward pass reads): the scorer's kernel before the fused
    /// product, so before and after come from one run.
    /// </summary>
    [Benchmark(Description = "same, training forward (previous kernel)")]
    public float TrainingForwardAndHeads()
    {
        var layout = _model.Layout;
        var hidden = layout.Hidden;
        LstmCell.Forward(layout, _model.Parameters, _x, _h, _c, _trainingScratch.AsSpan(0, 4 * hidden), _trainingScratch.AsSpan(4 * hidden, hidden));
        var z = _headScratch.AsSpan(0, layout.HeadInput);
        var dense = _headScratch.AsSpan(layout.HeadInput, layout.Dense);
        var outputs = _headScratch.AsSpan(layout.HeadInput + layout.Dense, ParameterLayout.HeadOutputs);
        TaskHeads.Forward(layout, _model.Parameters, _h, _context, z, dense, outputs);
        return outputs[ParameterLayout.InactiveLogit];
    }

    [Benchmark(Description = "ONNX Runtime Run (same graph)")]
    public float OnnxRuntime()
    {
        _onnx.Run();
        return _onnx.Heads[ParameterLayout.InactiveLogit];
    }
}
