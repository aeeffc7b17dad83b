using Clv.Model;
using Clv.Model.Features;
using Clv.Model.Network;
using Microsoft.ML.OnnxRuntime;

namespace Clv.Benchmarks.Onnx;

/// <summary>
/// One scoring step through ONNX Runtime on the graph of <see cref="LstmOnnxGraph"/>, set up the cheapest way
/// the API allows: one thread, full graph optimisation, and input and output tensors bound once over fixed
/// buffers, so a call costs one <c>Run</c> and no allocation of tensors.
/// </summary>
public sealed class OnnxLstmStep : IDisposable
{
    private static readonly string[] InputNames = [LstmOnnxGraph.X, LstmOnnxGraph.H, LstmOnnxGraph.C, LstmOnnxGraph.Context];
    private static readonly string[] OutputNames = [LstmOnnxGraph.HOut, LstmOnnxGraph.COut, LstmOnnxGraph.Heads];

    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly OrtValue[] _inputs;
    private readonly OrtValue[] _outputs;

    public OnnxLstmStep(MtlLstmModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var hidden = model.Config.HiddenSize;
        X = new float[model.Config.InputSize];
        H = new float[hidden];
        C = new float[hidden];
        Context = new float[FeatureEncoder.HeadContextSize];
        HOut = new float[hidden];
        COut = new float[hidden];
        Heads = new float[ParameterLayout.HeadOutputs];

        _options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(LstmOnnxGraph.Build(model), _options);
        _inputs = [Bind(X), Bind(H), Bind(C), Bind(Context)];
        _outputs = [Bind(HOut), Bind(COut), Bind(Heads)];
    }

    public float[] X { get; }

    public float[] H { get; }

    public float[] C { get; }

    /// <summary>The heads' inputs beside h (<see cref="FeatureEncoder.HeadContext"/>).</summary>
    public float[] Context { get; }

    public float[] HOut { get; }

    public float[] COut { get; }

    /// <summary>The seven raw head outputs in <see cref="ParameterLayout"/> order (inactive logit, log purchase and dropout rates, spend and CLV (mu offset, log sigma)).</summary>
    public float[] Heads { get; }

    /// <summary>Runs the graph on the current input buffers; results land in <see cref="HOut"/>, <see cref="COut"/> and <see cref="Heads"/>.</summary>
    public void Run() => _session.Run(_run, InputNames, _inputs, OutputNames, _outputs);

    public void Dispose()
    {
        foreach (var value in _inputs)
        {
            value.Dispose();
        }

        foreach (var value in _outputs)
        {
            value.Dispose();
        }

        _run.Dispose();
        _session.Dispose();
        _options.Dispose();
    }

    private static OrtValue Bind(float[] buffer) => OrtValue.CreateTensorValueFromMemory(buffer, [1, buffer.Length]);
}
