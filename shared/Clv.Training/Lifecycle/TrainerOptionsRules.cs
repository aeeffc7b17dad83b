using Clv.Model;

namespace Clv.Training.Lifecycle;

/// <summary>What makes the trainer's settings unusable, checked at start-up; each message names the setting.</summary>
public static class TrainerOptionsRules
{
    public static IEnumerable<string> Problems(TrainerOptions options)
    {
        if (options.WindowSize < 1 || options.HiddenSize < 1 || options.DenseSize < 1)
        {
            yield return $"Trainer:WindowSize, HiddenSize and DenseSize must be at least 1 (got {options.WindowSize}, {options.HiddenSize}, {options.DenseSize})";
        }

        if (options.MaxEpochs < 1 || !(options.LearningRate > 0) || options.HoldoutDays < 1)
        {
            yield return $"Trainer:MaxEpochs ({options.MaxEpochs}) and Trainer:HoldoutDays ({options.HoldoutDays}) must be at least 1, Trainer:LearningRate ({options.LearningRate}) positive";
        }

        if (options.Schedule is { } schedule && schedule <= TimeSpan.Zero)
        {
            yield return $"Trainer:Schedule ({schedule}) must be positive, or unset for on-request training only";
        }

        foreach (var unknown in options.ModelKinds.Where(name => TrainerOptions.ParseKind(name) is null))
        {
            yield return $"Trainer:ModelKinds names '{unknown}', not a model kind ({string.Join(", ", Enum.GetNames<ModelKind>())})";
        }

        if (options.ModelKinds.Select(TrainerOptions.ParseKind).Distinct().Count() != options.ModelKinds.Length)
        {
            yield return $"Trainer:ModelKinds names a kind twice ({string.Join(", ", options.ModelKinds)})";
        }

        var kinds = options.ModelKinds.Select(TrainerOptions.ParseKind).ToList();
        if (kinds.Contains(ModelKind.StackedLstmBgNbd) && !(kinds.Contains(ModelKind.MtlLstm) && kinds.Contains(ModelKind.BgNbdGammaGamma)))
        {
            yield return $"Trainer:ModelKinds names {ModelKind.StackedLstmBgNbd} without both its components, {ModelKind.MtlLstm} and {ModelKind.BgNbdGammaGamma} ({string.Join(", ", options.ModelKinds)})";
        }

        if (options.RequestTimeToLive <= TimeSpan.Zero)
        {
            yield return $"Trainer:RequestTimeToLive ({options.RequestTimeToLive}) must be positive";
        }
    }
}
