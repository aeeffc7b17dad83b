using Clv.Model;

namespace Clv.Training;

/// <summary>
/// Everything that decides a training run. Events at or before <see cref="CalibrationEnd"/> are
/// the only data training sees (validation customers included).
/// </summary>
public sealed record TrainingOptions
{
    public required DateTime CalibrationEnd { get; init; }

    public int HiddenSize { get; init; } = 32;

    public int DenseSize { get; init; } = 32;

    /// <summary>BPTT window: the last W events before the calibration end; scoring rebuilds over the same W.</summary>
    public int WindowSize { get; init; } = 64;

    public ModelTasks Tasks { get; init; } = ModelTasks.All;

    public LossWeighting LossWeighting { get; init; } = LossWeighting.Fixed;

    public double ChurnWeight { get; init; } = 1;

    public double SpendWeight { get; init; } = 1;

    public double ClvWeight { get; init; } = 1;

    public int CutoffStepDays { get; init; } = CutoffGrid.DefaultStepDays;

    /// <summary>The model's default prediction horizon (the heads accept any).</summary>
    public int HorizonDays { get; init; } = 273;

    public int ClvHorizonDays { get; init; } = 365;

    public double AnnualDiscountRate { get; init; } = 0.10;

    public int MaxEpochs { get; init; } = 20;

    /// <summary>Stop after this many epochs without a better validation objective.</summary>
    public int Patience { get; init; } = 3;

    public int BatchSize { get; init; } = 256;

    public double LearningRate { get; init; } = 0.005;

    public double GradientClipNorm { get; init; } = 5;

    /// <summary>Share of customers held out for early stopping (split by customer, not by time).</summary>
    public double ValidationFraction { get; init; } = 0.1;

    public int Seed { get; init; } = 42;

    /// <summary>
    /// Each batch is cut into this many shards with their own gradient buffers, summed in shard
    /// order: the result depends on the seed only, never on how many threads ran the shards.
    /// </summary>
    public int GradientShards { get; init; } = 8;

    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The model's version; null names it after its parameters' SHA-256.</summary>
    public string? Version { get; init; }

    public void Validate()
    {
        if (Tasks == ModelTasks.None || (Tasks & ~ModelTasks.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Tasks), Tasks, "Train at least one of Churn, Spend, Clv.");
        }

        if (CutoffStepDays < 1 || MaxEpochs < 1 || Patience < 1 || BatchSize < 1 || GradientShards < 1 || MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentException("Cutoff step, epochs, patience, batch size, shards and parallelism must be positive.");
        }

        if (!(LearningRate > 0) || !(GradientClipNorm > 0))
        {
            throw new ArgumentException("Learning rate and gradient clip norm must be positive.");
        }

        if (!(ValidationFraction > 0 && ValidationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "Validation fraction must be within (0, 1).");
        }

        if (!(ChurnWeight >= 0 && SpendWeight >= 0 && ClvWeight >= 0))
        {
            throw new ArgumentException("Task weights must be non-negative.");
        }
    }

    public ModelConfig ToModelConfig() => new(
        HiddenSize: HiddenSize,
        DenseSize: DenseSize,
        WindowSize: WindowSize,
        Tasks: Tasks,
        HorizonDays: HorizonDays,
        ClvHorizonDays: ClvHorizonDays,
        AnnualDiscountRate: AnnualDiscountRate);
}
