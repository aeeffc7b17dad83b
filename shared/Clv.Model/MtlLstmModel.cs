using Clv.Model.Features;
using Clv.Model.Network;

namespace Clv.Model;

/// <summary>
/// The multi-task LSTM: an LSTM encoder stepped once per event and heads for churn, spend and
/// CLV on [h, recency, horizon]. Immutable, so one instance serves any number of scoring threads.
/// </summary>
public sealed class MtlLstmModel
{
    private const double LowerQuantile = 0.10;
    private const double UpperQuantile = 0.90;

    private readonly float[] _parameters;

    public MtlLstmModel(string version, ModelConfig config, FeatureStatistics statistics, ReadOnlySpan<float> parameters, TrainingMetadata metadata)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(metadata);
        config.Validate();
        var layout = new ParameterLayout(config.InputSize, config.HiddenSize, config.DenseSize);
        if (parameters.Length != layout.Count)
        {
            throw new ArgumentException(
                $"Expected {layout.Count} parameters for input {config.InputSize}, hidden {config.HiddenSize}, dense {config.DenseSize}; got {parameters.Length}.",
                nameof(parameters));
        }

        Version = version;
        Config = config;
        Encoder = new FeatureEncoder(statistics);
        Layout = layout;
        Metadata = metadata;
        _parameters = parameters.ToArray();
    }

    public string Version { get; }

    public ModelConfig Config { get; }

    public FeatureStatistics Statistics => Encoder.Statistics;

    public FeatureEncoder Encoder { get; }

    public ParameterLayout Layout { get; }

    public TrainingMetadata Metadata { get; }

    public ReadOnlySpan<float> Parameters => _parameters;

    /// <summary>Floats of scratch <see cref="Step(ReadOnlySpan{float}, Span{float}, Span{float}, Span{float})"/> needs.</summary>
    public int StepScratchSize => LstmCell.ScratchSize(Config.HiddenSize);

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

        LstmCell.Forward(Layout, _parameters, x, h, c, scratch[..(4 * hidden)], scratch.Slice(4 * hidden, hidden));
    }

    /// <summary>
    /// Runs the heads on the state <paramref name="h"/>: churn and spend over <paramref name="horizonDays"/>,
    /// CLV over <paramref name="clvHorizonDays"/> (the heads are evaluated once per distinct horizon).
    /// </summary>
    public ModelScores Predict(ReadOnlySpan<float> h, double daysSinceLastEvent, int horizonDays, int clvHorizonDays)
    {
        if (h.Length < Config.HiddenSize)
        {
            throw new ArgumentException($"State needs {Config.HiddenSize} floats.", nameof(h));
        }

        Span<float> scratch = stackalloc float[TaskHeads.ScratchSize(Layout)];
        var z = scratch[..Layout.HeadInput];
        var dense = scratch.Slice(Layout.HeadInput, Layout.Dense);
        var outputs = scratch.Slice(Layout.HeadInput + Layout.Dense, ParameterLayout.HeadOutputs);
        var recency = Encoder.Recency(daysSinceLastEvent);

        TaskHeads.Forward(Layout, _parameters, h, recency, Encoder.Horizon(horizonDays), z, dense, outputs);
        var churn = BernoulliHead.Probability(outputs[ParameterLayout.ChurnLogit]);
        var (spend, spendP10, spendP90) = Distribution(outputs.Slice(ParameterLayout.SpendOffset, 3));

        if (clvHorizonDays != horizonDays)
        {
            TaskHeads.Forward(Layout, _parameters, h, recency, Encoder.Horizon(clvHorizonDays), z, dense, outputs);
        }

        var (clv, clvP10, clvP90) = Distribution(outputs.Slice(ParameterLayout.ClvOffset, 3));
        return new ModelScores(churn, spend, spendP10, spendP90, clv, clvP10, clvP90);
    }

    private static (double Mean, double P10, double P90) Distribution(ReadOnlySpan<float> head) =>
    (
        ZeroInflatedLogNormalHead.Mean(head[0], head[1], head[2]),
        ZeroInflatedLogNormalHead.Quantile(head[0], head[1], head[2], LowerQuantile),
        ZeroInflatedLogNormalHead.Quantile(head[0], head[1], head[2], UpperQuantile)
    );

    private static void Fill(Span<float> block, double scale, Random random)
    {
        for (var i = 0; i < block.Length; i++)
        {
            block[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        }
    }
}
