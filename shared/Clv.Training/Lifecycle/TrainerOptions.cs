using Clv.Model;

namespace Clv.Training.Lifecycle;

/// <summary>What the trainer trains on, how it judges a candidate, and when it runs by itself (section <c>Trainer</c>).</summary>
public sealed class TrainerOptions
{
    public const string Section = "Trainer";

    /// <summary>History used when a RetrainRequested names none, and by the schedule: a transactions file (CSV or CDNOW).</summary>
    public string Source { get; set; } = "data/cdnow/CDNOW_master.txt";

    /// <summary>The holdout is the last this many days of the history (also the churn/spend horizon trained for).</summary>
    public int HoldoutDays { get; set; } = 273;

    /// <summary>Retrain this often (publishes RetrainRequested, so one trainer instance takes it); null = only on request.</summary>
    public TimeSpan? Schedule { get; set; }

    /// <summary>
    /// At start-up, request a first training when the model store has no active version, so a fresh deployment
    /// gets a model without an operator (scorers stay not-ready until one is active).
    /// </summary>
    public bool TrainWhenStoreEmpty { get; set; }

    /// <summary>
    /// How long a retrain request stays worth doing: an older one (left in the queue while training was slow, or
    /// while the trainer was down) is dropped instead of trained, and the deadline every request carries.
    /// </summary>
    public TimeSpan RequestTimeToLive { get; set; } = TimeSpan.FromHours(1);

    public int HiddenSize { get; set; } = 32;

    public int DenseSize { get; set; } = 32;

    /// <summary>BPTT window; must match the sequencer's rolling window (Workers:WindowSize) the scorer rebuilds from.</summary>
    public int WindowSize { get; set; } = 64;

    public int MaxEpochs { get; set; } = 20;

    public double LearningRate { get; set; } = 0.005;

    public int Seed { get; set; } = 42;

    /// <summary>
    /// The model kinds to build as candidates on the same split, by name (<c>MtlLstm</c>, <c>BgNbdGammaGamma</c>,
    /// <c>StackedLstmBgNbd</c>, which needs both others listed: it blends them); the trainer picks one by
    /// <see cref="CandidateSelection"/>. Empty (the default) means every kind; one kind forces it.
    /// Names, not the enum: the configuration binder would skip a misspelt enum element silently.
    /// </summary>
    public string[] ModelKinds { get; set; } = [];

    /// <summary>When BG/NBD + Gamma-Gamma is not a candidate, still fit it on the same split and record its metrics beside the candidate's.</summary>
    public bool EvaluateBaseline { get; set; } = true;

    /// <summary>The kinds to build: <see cref="ModelKinds"/>, or every kind when it is empty.</summary>
    /// <exception cref="ArgumentException">A name is not a model kind (<see cref="TrainerOptionsRules"/> refuses it at start-up).</exception>
    public IReadOnlyList<ModelKind> CandidateKinds() =>
        ModelKinds.Length == 0
            ? [ModelKind.MtlLstm, ModelKind.BgNbdGammaGamma, ModelKind.StackedLstmBgNbd]
            : [.. ModelKinds.Select(name => ParseKind(name) ?? throw new ArgumentException($"Trainer:ModelKinds names '{name}', not a model kind."))];

    /// <summary>The kind of that name (case-insensitive), or null when there is none.</summary>
    public static ModelKind? ParseKind(string name) =>
        Enum.GetNames<ModelKind>().FirstOrDefault(n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase)) is { } known ? Enum.Parse<ModelKind>(known) : null;

    public PromotionOptions Promotion { get; set; } = new();
}
