using Clv.Model.Data;

namespace Clv.Model;

/// <summary>
/// A model the scorer can serve, whatever its kind: it advances a <see cref="CustomerState"/> by one event and
/// scores it as of an instant. Immutable, so one instance serves any number of scoring threads.
/// </summary>
public abstract class ScoringModel
{
    private protected ScoringModel(string version, TrainingMetadata metadata)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(metadata);
        Version = version;
        Metadata = metadata;
    }

    public string Version { get; }

    public TrainingMetadata Metadata { get; }

    public abstract ModelKind Kind { get; }

    /// <summary>Floats of recurrent state per customer (the LSTM's h and c each); 0 for a model without one.</summary>
    public abstract int HiddenSize { get; }

    /// <summary>
    /// Most events a rebuild replays (the LSTM's training window, which must be the sequencer's rolling window);
    /// null for a model whose state is summary statistics, which folds in every event it is given.
    /// </summary>
    public abstract int? WindowSize { get; }

    /// <summary>The churn and spend horizon a scorer asks for by default.</summary>
    public abstract int HorizonDays { get; }

    /// <summary>The CLV horizon a scorer asks for by default.</summary>
    public abstract int ClvHorizonDays { get; }

    /// <summary>Annual rate CLV is discounted at.</summary>
    public abstract double AnnualDiscountRate { get; }

    /// <summary>Advances the model's own part of <paramref name="state"/> (e.g. the LSTM's h and c) by one event, before the state's statistics take it in.</summary>
    internal abstract void AdvanceModelPart(CustomerState state, in CustomerEvent e);

    /// <summary>Scores <paramref name="state"/> as of <paramref name="asOf"/>: churn and spend over <paramref name="horizonDays"/>, CLV over <paramref name="clvHorizonDays"/>.</summary>
    internal abstract ModelScores Score(CustomerState state, DateTime asOf, int horizonDays, int clvHorizonDays);
}
