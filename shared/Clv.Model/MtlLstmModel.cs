using System.Numerics.Tensors;
using Clv.Model.Data;
using Clv.Model.Features;
using Clv.Model.Network;

namespace Clv.Model;

/// <summary>
/// The multi-task LSTM: an LSTM encoder stepped once per event and heads for churn, spend and
/// CLV on [h, recency, the customer's shrunk order values] whose outputs are rates, so any horizon can be asked for. Immutable, so one instance serves any number of scoring threads.
/// </summary>
public sealed class MtlLstmModel : ScoringModel
{
    private readonly float[] _parameters;

    // The dense layer's weights transposed to input-major at load (the weights file keeps them output-major),
    // so the heads' dense layer is one register-blocked product like the cell's gates.
    private readonly float[] _denseByInput;
    private readonly double _dailyDiscount;

    public MtlLstmModel(string version, ModelConfig config, FeatureStatistics statistics, ReadOnlySpan<float> parameters, TrainingMetadata metadata)
        : base(version, metadata)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var layout = new ParameterLayout(config.InputSize, config.HiddenSize, config.DenseSize);
        if (parameters.Length != layout.Count)
        {
            throw new ArgumentException(
                $"Expected {layout.Count} parameters for input {config.InputSize}, hidden {config.HiddenSize}, dense {config.DenseSize}; got {parameters.Length}.",
                nameof(parameters));
        }

        Config = config;
        Encoder = new FeatureEncoder(statistics);
        Layout = layout;
        _parameters = parameters.ToArray();
        _denseByInput = Transpose(layout.DenseW.Of(parameters), layout.Dense, layout.HeadInput);
        _dailyDiscount = PurchaseWindow.DailyDiscount(config.AnnualDiscountRate);
    }

    public ModelConfig Config { get; }

    public override ModelKind Kind => ModelKind.MtlLstm;

    public override int HiddenSize => Config.HiddenSize;

    public override int? WindowSize => Config.WindowSize;

    public override int HorizonDays => Config.HorizonDays;

    public override int ClvHorizonDays => Config.ClvHorizonDays;

    public override double AnnualDiscountRate => Config.AnnualDiscountRate;

    public FeatureStatistics Statistics => Encoder.Statistics;

    public FeatureEncoder Encoder { get; }

    public ParameterLayout Layout { get; }

    public ReadOnlySpan<float> Parameters => _parameters;

    /// <summary>Floats of scratch <see cref="Step(ReadOnlySpan{float}, Span{float}, Span{float}, Span{float})"/> needs.</summary>
    public int StepScratchSize => Layout.Gates;

    /// <summary>
    /// A model with small random weights (deterministic for a seed): the starting point of
    /// training, and a stand-in where tests need any valid model.
    /// </summary>
    public static MtlLstmModel CreateInitial(ModelConfig config, FeatureStatistics statistics, int seed, string version = "initial")
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var layout = new ParameterLayout(config.InputSize, config.HiddenSize, config.DenseSize);
        return new MtlLstmModel(version, config, statistics, InitialParameters(layout, seed), TrainingMetadata.Untrained);
    }

    /// <summary>Uniform ±1/√fan-in weights, zero biases except the LSTM forget gate at 1 (Jozefowicz et al. 2015).</summary>
    public static float[] InitialParameters(in ParameterLayout layout, int seed)
    {
        var random = new Random(seed);
        var parameters = new float[layout.Count];
        Span<float> p = parameters;
        Fill(layout.LstmW.Of(p), 1 / Math.Sqrt(layout.Input + layout.Hidden), random);
        Fill(layout.LstmU.Of(p), 1 / Math.Sqrt(layout.Input + layout.Hidden), random);
        layout.LstmB.Of(p).Slice(layout.Hidden, layout.Hidden).Fill(1f);
        Fill(layout.DenseW.Of(p), 1 / Math.Sqrt(layout.HeadInput), random);
        Fill(layout.HeadW.Of(p), 1 / Math.Sqrt(layout.Dense), random);
        return parameters;
    }

    /// <summary>Advances (h, c) in place by one encoded event. Allocation-free (scratch on the stack).</summary>
    public void Step(ReadOnlySpan<float> x, Span<float> h, Span<float> c)
    {
        Span<float> scratch = stackalloc float[StepScratchSize];
        Step(x, h, c, scratch);
    }

    /// <summary>Advances (h, c) in place by one encoded event using caller scratch of <see cref="StepScratchSize"/> floats.</summary>
    public void Step(ReadOnlySpan<float> x, Span<float> h, Span<float> c, Span<float> scratch)
    {
        var hidden = Config.HiddenSize;
        if (x.Length < Config.InputSize || h.Length < hidden || c.Length < hidden || scratch.Length < StepScratchSize)
        {
            throw new ArgumentException($"Step needs x of {Config.InputSize}, h and c of {hidden} and scratch of {StepScratchSize} floats.");
        }

        LstmCell.Step(Layout, _parameters, x, h, c, scratch);
    }

    /// <summary>
    /// Runs the heads on the state <paramref name="h"/> with the customer's <paramref name="orderValues"/>:
    /// churn and spend over <paramref name="horizonDays"/>, CLV over <paramref name="clvHorizonDays"/>. One pass
    /// of the dense layer serves both horizons, which enter only through <see cref="PurchaseWindow"/>.
    /// </summary>
    public ModelScores Predict(ReadOnlySpan<float> h, in OrderValueMoments orderValues, double daysSinceLastEvent, int horizonDays, int clvHorizonDays)
    {
        if (h.Length < Config.HiddenSize)
        {
            throw new ArgumentException($"State needs {Config.HiddenSize} floats.", nameof(h));
        }

        Span<float> context = stackalloc float[FeatureEncoder.HeadContextSize];
        Encoder.HeadContext(daysSinceLastEvent, orderValues, context);
        Span<float> outputs = stackalloc float[ParameterLayout.HeadOutputs];
        Heads(h, context, outputs);
        return WindowHeads.Scores(outputs, horizonDays, clvHorizonDays, _dailyDiscount);
    }

    /// <summary>One LSTM step on the encoded event, which sees the gap to the state's last event. Allocation-free.</summary>
    internal override void AdvanceModelPart(CustomerState state, in CustomerEvent e)
    {
        Span<float> x = stackalloc float[FeatureEncoder.InputSize];
        Encoder.Encode(e, state.LastEventTime, x);
        Step(x, state.Hidden, state.Cell);
    }

    /// <summary>The heads on the state's h and order values, with recency = asOf - last event.</summary>
    internal override ModelScores Score(CustomerState state, DateTime asOf, int horizonDays, int clvHorizonDays)
    {
        var recency = state.LastEventTime is { } last ? FeatureEncoder.DaysBetween(last, asOf) : 0;
        return Predict(state.Hidden, state.OrderValues, recency, horizonDays, clvHorizonDays);
    }

    /// <summary>
    /// The heads' raw outputs (see <see cref="ParameterLayout"/>) for state <paramref name="h"/> and an encoded
    /// <paramref name="context"/> (<see cref="FeatureEncoder.HeadContext"/>): the same function as
    /// <see cref="TaskHeads.Forward"/>, without the activations training keeps.
    /// </summary>
    public void Heads(ReadOnlySpan<float> h, ReadOnlySpan<float> context, Span<float> outputs)
    {
        var hidden = Config.HiddenSize;
        if (h.Length < hidden || context.Length < FeatureEncoder.HeadContextSize || outputs.Length < ParameterLayout.HeadOutputs)
        {
            throw new ArgumentException($"Heads need h of {hidden}, a context of {FeatureEncoder.HeadContextSize} and outputs of {ParameterLayout.HeadOutputs} floats.");
        }

        Span<float> dense = stackalloc float[Layout.Dense];
        Layout.DenseB.Of(_parameters).CopyTo(dense);
        InputMajorProduct.MultiplyAdd(_denseByInput, h[..hidden], context[..FeatureEncoder.HeadContextSize], dense);
        TensorPrimitives.Tanh(dense, dense);

        var headW = Layout.HeadW.Of(_parameters);
        var headB = Layout.HeadB.Of(_parameters);
        for (var m = 0; m < ParameterLayout.HeadOutputs; m++)
        {
            outputs[m] = headB[m] + TensorPrimitives.Dot(headW.Slice(m * dense.Length, dense.Length), dense);
        }
    }

    private static float[] Transpose(ReadOnlySpan<float> matrix, int rows, int columns)
    {
        var transposed = new float[matrix.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < columns; k++)
            {
                transposed[k * rows + r] = matrix[r * columns + k];
            }
        }

        return transposed;
    }

    private static void Fill(Span<float> block, double scale, Random random)
    {
        for (var i = 0; i < block.Length; i++)
        {
            block[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        }
    }
}
