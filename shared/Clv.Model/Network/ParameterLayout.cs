using Clv.Model.Features;

namespace Clv.Model.Network;

/// <summary>
/// Where each parameter block lives in the model's one flat parameter vector (one vector so
/// Adam, gradient buffers and the weights file treat all blocks alike).
/// LSTM matrices are input-major (row j = weights from input j to all 4H gate pre-activations),
/// so a step is a few long multiply-adds; dense and head matrices are output-major (one dot per output).
/// </summary>
public readonly record struct ParameterLayout
{
    /// <summary>
    /// Head outputs: the three rates of <see cref="PurchaseWindow"/> (logit of P(inactive), log purchase
    /// rate and log dropout rate per day), then (location, log sigma) of spend per purchase, then of
    /// discounted spend.
    /// </summary>
    public const int HeadOutputs = 7;

    public const int InactiveLogit = 0;
    public const int LogRate = 1;
    public const int LogDropout = 2;
    public const int SpendOffset = 3;
    public const int ClvOffset = 5;

    /// <summary>One learned log-variance per task for uncertainty weighting.</summary>
    public const int TaskCount = 3;

    public ParameterLayout(int inputSize, int hiddenSize, int denseSize)
    {
        Input = inputSize;
        Hidden = hiddenSize;
        Dense = denseSize;
        HeadInput = hiddenSize + FeatureEncoder.HeadContextSize;
        var gates = 4 * hiddenSize;
        LstmW = new(0, inputSize * gates);
        LstmU = new(LstmW.End, hiddenSize * gates);
        LstmB = new(LstmU.End, gates);
        DenseW = new(LstmB.End, denseSize * HeadInput);
        DenseB = new(DenseW.End, denseSize);
        HeadW = new(DenseB.End, HeadOutputs * denseSize);
        HeadB = new(HeadW.End, HeadOutputs);
        LogVariance = new(HeadB.End, TaskCount);
        Count = LogVariance.End;
    }

    public int Input { get; }

    public int Hidden { get; }

    public int Dense { get; }

    /// <summary>
    /// z = [h, recency, order-value inputs] (<see cref="FeatureEncoder.HeadContext"/>): no horizon, it enters
    /// through <see cref="PurchaseWindow"/>.
    /// </summary>
    public int HeadInput { get; }

    public int Gates => 4 * Hidden;

    public ParameterBlock LstmW { get; }

    public ParameterBlock LstmU { get; }

    public ParameterBlock LstmB { get; }

    public ParameterBlock DenseW { get; }

    public ParameterBlock DenseB { get; }

    public ParameterBlock HeadW { get; }

    public ParameterBlock HeadB { get; }

    public ParameterBlock LogVariance { get; }

    public int Count { get; }

    public IReadOnlyList<(string Name, ParameterBlock Block)> Blocks =>
    [
        ("lstm.W", LstmW), ("lstm.U", LstmU), ("lstm.b", LstmB),
        ("dense.W", DenseW), ("dense.b", DenseB),
        ("heads.W", HeadW), ("heads.b", HeadB), ("task.logVariance", LogVariance),
    ];
}
