using System.Text.Json.Nodes;

namespace Clv.Deploy.Tests;

/// <summary>
/// The part of Kubernetes' strategic merge patch that the overlays use: maps merge recursively,
/// a null deletes, lists of named things (containers, env, volumes, mounts, ports) merge item by
/// item on their merge key, every other list is replaced. New list items go first, in patch order,
/// as `kubectl kustomize` (kyaml) puts them.
/// </summary>
internal static class StrategicMerge
{
    // Merge keys of the list fields the manifests patch, as the Kubernetes API declares them.
    private static readonly Dictionary<string, string[]> MergeKeys = new()
    {
        ["containers"] = ["name"],
        ["initContainers"] = ["name"],
        ["env"] = ["name"],
        ["volumes"] = ["name"],
        ["volumeMounts"] = ["mountPath"],
        ["imagePullSecrets"] = ["name"],
        ["topologySpreadConstraints"] = ["topologyKey"],
        // Container ports merge on containerPort, Service ports on port.
        ["ports"] = ["containerPort", "port"],
    };

    public static void Apply(JsonObject target, JsonObject patch)
    {
        foreach (var (name, patchValue) in patch)
        {
            if (patchValue is null)
            {
                target.Remove(name);
            }
            else if (target[name] is JsonObject targetObject && patchValue is JsonObject patchObject)
            {
                Apply(targetObject, patchObject);
            }
            else if (target[name] is JsonArray targetArray && patchValue is JsonArray patchArray
                     && MergeKeys.TryGetValue(name, out var keys))
            {
                MergeList(targetArray, patchArray, keys);
            }
            else
            {
                target[name] = patchValue.DeepClone();
            }
        }
    }

    private static void MergeList(JsonArray target, JsonArray patch, string[] keys)
    {
        var inserted = 0;
        foreach (var item in patch)
        {
            if (item is not JsonObject patchItem)
            {
                throw new NotSupportedException($"List item {item?.ToJsonString()} is not an object with a merge key");
            }

            var key = keys.FirstOrDefault(patchItem.ContainsKey)
                ?? throw new NotSupportedException($"{patchItem.ToJsonString()} has none of the merge keys {string.Join(", ", keys)}");
            var match = target.OfType<JsonObject>().FirstOrDefault(existing => JsonNode.DeepEquals(existing[key], patchItem[key]));
            if (match is null)
            {
                target.Insert(inserted++, patchItem.DeepClone());
            }
            else
            {
                Apply(match, patchItem);
            }
        }
    }
}
