using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Clv.Deploy.Tests;

/// <summary>
/// One rendered kustomization (base or overlay), each object typed by the KubernetesClient models.
/// Deserialisation is strict: a misspelt field (readinesProbe) fails instead of vanishing.
/// KEDA's custom resources have no model there and stay JSON.
/// </summary>
internal sealed class ManifestSet
{
    public const string KedaApiVersion = "keda.sh/v1alpha1";

    public static readonly IReadOnlyDictionary<string, Type> ModelTypes = new Dictionary<string, Type>
    {
        ["v1/Namespace"] = typeof(V1Namespace),
        ["v1/ServiceAccount"] = typeof(V1ServiceAccount),
        ["v1/ConfigMap"] = typeof(V1ConfigMap),
        ["v1/Service"] = typeof(V1Service),
        ["apps/v1/Deployment"] = typeof(V1Deployment),
        ["policy/v1/PodDisruptionBudget"] = typeof(V1PodDisruptionBudget),
        ["autoscaling/v2/HorizontalPodAutoscaler"] = typeof(V2HorizontalPodAutoscaler),
        ["networking.k8s.io/v1/Ingress"] = typeof(V1Ingress),
    };

    // Rendered and typed once per kustomization for the whole test run; the tests only read them.
    private static readonly ConcurrentDictionary<string, Lazy<ManifestSet>> Rendered = new();

    private readonly ConcurrentDictionary<string, object[]> _typed = new();

    private ManifestSet(string name, List<JsonObject> objects)
    {
        Name = name;
        Objects = objects;
    }

    /// <summary>The kustomization folders under deploy/: the base and every overlay.</summary>
    public static TheoryData<string> Kustomizations => ["base", "overlays/dev", "overlays/prod"];

    public string Name { get; }

    public IReadOnlyList<JsonObject> Objects { get; }

    public IEnumerable<V1Deployment> Deployments => Typed<V1Deployment>("Deployment");

    public IEnumerable<V1Service> Services => Typed<V1Service>("Service");

    public IEnumerable<V1PodDisruptionBudget> DisruptionBudgets => Typed<V1PodDisruptionBudget>("PodDisruptionBudget");

    public IEnumerable<V1ConfigMap> ConfigMaps => Typed<V1ConfigMap>("ConfigMap");

    public IEnumerable<V2HorizontalPodAutoscaler> Autoscalers => Typed<V2HorizontalPodAutoscaler>("HorizontalPodAutoscaler");

    public IEnumerable<V1Ingress> Ingresses => Typed<V1Ingress>("Ingress");

    public IEnumerable<JsonObject> ScaledObjects => Objects.Where(o => KustomizeRenderer.Kind(o) == "ScaledObject");

    public static ManifestSet Render(string kustomization) =>
        Rendered.GetOrAdd(kustomization, name => new Lazy<ManifestSet>(() =>
            new ManifestSet(name, KustomizeRenderer.Render(RepositoryRoot.Combine(Path.Combine("deploy", name)))))).Value;

    /// <summary>The typed model of one object; throws on a kind with no model or on an unknown field.</summary>
    public static object ToModel(JsonObject obj)
    {
        var key = $"{obj["apiVersion"]}/{obj["kind"]}";
        var type = ModelTypes.GetValueOrDefault(key)
            ?? throw new InvalidDataException($"{KustomizeRenderer.Name(obj)}: no KubernetesClient model for {key}");
        return KubernetesYaml.LoadAllFromString(obj.ToJsonString(), new Dictionary<string, Type> { [key] = type }, strict: true).Single();
    }

    private IEnumerable<T> Typed<T>(string kind) =>
        _typed.GetOrAdd(kind, k => [.. Objects.Where(o => KustomizeRenderer.Kind(o) == k).Select(ToModel)]).Cast<T>();
}
