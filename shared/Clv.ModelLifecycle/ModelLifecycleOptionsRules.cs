using Clv.Hosting.Redis;

namespace Clv.ModelLifecycle;

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

    public static IEnumerable<string> Problems(ModelActivationOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ReplicaId))
        {
            yield return "ModelActivation:ReplicaId must not be empty: it names the replica's control-plane queue";
        }
    }
}
