using System.Text.Json.Nodes;

namespace Clv.Deploy.Tests;

/// <summary>
/// Renders a kustomization the way `kubectl kustomize` does, for the fields deploy/ uses:
/// resources (files and kustomization folders), namespace, images and strategic-merge patches
/// whose target is named inside the patch. Any other field throws, so an overlay can never use a
/// feature these tests would silently ignore.
/// </summary>
internal static class KustomizeRenderer
{
    private static readonly HashSet<string> SupportedFields = ["apiVersion", "kind", "resources", "namespace", "images", "patches"];

    // Cluster-scoped kinds keep no namespace.
    private static readonly HashSet<string> ClusterScopedKinds = ["Namespace", "ClusterRole", "ClusterRoleBinding"];

    public static List<JsonObject> Render(string directory)
    {
        var kustomization = YamlJson.ParseSingleObject(Path.Combine(directory, "kustomization.yaml"));
        foreach (var (field, _) in kustomization)
        {
            if (!SupportedFields.Contains(field))
            {
                throw new NotSupportedException($"{directory}/kustomization.yaml uses '{field}', which this renderer does not implement");
            }
        }

        var objects = new List<JsonObject>();
        foreach (var resource in Strings(kustomization["resources"]))
        {
            var path = Path.GetFullPath(Path.Combine(directory, resource));
            objects.AddRange(Directory.Exists(path) ? Render(path) : LoadObjects(path));
        }

        foreach (var patch in kustomization["patches"]?.AsArray() ?? [])
        {
            var patchPath = Path.Combine(directory, (string?)patch?["path"]
                ?? throw new NotSupportedException($"{directory}: only file patches (path:) are supported"));
            foreach (var patchObject in LoadObjects(patchPath))
            {
                StrategicMerge.Apply(FindTarget(objects, patchObject, patchPath), patchObject);
            }
        }

        if ((string?)kustomization["namespace"] is { } ns)
        {
            foreach (var obj in objects.Where(o => !ClusterScopedKinds.Contains(Kind(o))))
            {
                obj["metadata"]!["namespace"] = ns;
            }
        }

        foreach (var image in kustomization["images"]?.AsArray() ?? [])
        {
            RewriteImage(objects, image!.AsObject());
        }

        return objects;
    }

    public static string Kind(JsonObject obj) => (string?)obj["kind"] ?? "";

    public static string Name(JsonObject obj) => (string?)obj["metadata"]?["name"] ?? "";

    private static IEnumerable<JsonObject> LoadObjects(string path) =>
        YamlJson.ParseDocuments(File.ReadAllText(path)).Select(document =>
            document as JsonObject ?? throw new InvalidDataException($"{path}: every document must be a mapping"));

    private static JsonObject FindTarget(List<JsonObject> objects, JsonObject patch, string patchPath) =>
        objects.SingleOrDefault(o => Kind(o) == Kind(patch) && Name(o) == Name(patch))
        ?? throw new InvalidDataException($"{patchPath}: no {Kind(patch)} named '{Name(patch)}' to patch");

    private static void RewriteImage(List<JsonObject> objects, JsonObject image)
    {
        var name = (string)image["name"]!;
        var newName = (string?)image["newName"] ?? name;
        var newTag = (string?)image["newTag"];
        foreach (var container in objects.SelectMany(Containers))
        {
            var current = (string?)container["image"] ?? "";
            var colon = current.LastIndexOf(':');
            var (repository, tag) = colon > current.LastIndexOf('/') ? (current[..colon], current[(colon + 1)..]) : (current, null);
            if (repository == name)
            {
                container["image"] = (newTag ?? tag) is { } t ? $"{newName}:{t}" : newName;
            }
        }
    }

    private static IEnumerable<JsonObject> Containers(JsonObject obj)
    {
        var podSpec = obj["spec"]?["template"]?["spec"];
        return new[] { podSpec?["containers"], podSpec?["initContainers"] }
            .OfType<JsonArray>()
            .SelectMany(list => list.OfType<JsonObject>());
    }

    private static IEnumerable<string> Strings(JsonNode? list) =>
        list?.AsArray().Select(item => (string?)item ?? "") ?? [];
}
