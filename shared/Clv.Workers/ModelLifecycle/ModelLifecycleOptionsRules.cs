using Clv.Workers.Redis;

namespace Clv.Workers.ModelLifecycle;

/// <summary>What makes the model lifecycle's settings unusable, checked at start-up; each message names the setting.</summary>
public static class ModelLifecycleOptionsRules
{
    public static IEnumerable<string> Problems(ModelStoreOptions options)
    {
        // A prefix customer keys can take would let a customer id overwrite the store.
        if (!options.KeyPrefix.Contains('{') || !options.KeyPrefix.EndsWith('}') || options.KeyPrefix.StartsWith(RedisKeys.CustomerPrefix, StringComparison.Ordinal))
        {
            yield return $"ModelStore:KeyPrefix ({options.KeyPrefix}) must end in a hash tag such as clv:{{models}} (one cluster slot for the store) and not start with {RedisKeys.CustomerPrefix}, where customer keys live";
        }

        if (options.KeepVersions < 2)
        {
            yield return $"ModelStore:KeepVersions ({options.KeepVersions}) must be at least 2, or there is nothing to roll back to";
        }
    }

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

        if (options.RequestTimeToLive <= TimeSpan.Zero)
        {
            yield return $"Trainer:RequestTimeToLive ({options.RequestTimeToLive}) must be positive";
        }
    }

    public static IEnumerable<string> Problems(ModelActivationOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ReplicaId))
        {
            yield return "ModelActivation:ReplicaId must not be empty: it names the replica's control-plane queue";
        }
    }
}
