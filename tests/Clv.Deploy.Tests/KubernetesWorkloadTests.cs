using k8s.Models;

namespace Clv.Deploy.Tests;

/// <summary>The Deployments of the base and of every overlay, rendered and typed: what a cluster would run.</summary>
public sealed class KubernetesWorkloadTests
{
    public static TheoryData<string> Kustomizations => ManifestSet.Kustomizations;

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EveryObject_DeserialisesStrictlyIntoItsKubernetesModel_OrIsAKedaResource(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);

        Assert.NotEmpty(set.Objects);
        foreach (var obj in set.Objects)
        {
            if ((string?)obj["apiVersion"] == ManifestSet.KedaApiVersion)
            {
                Assert.True(obj["spec"] is not null, $"KEDA {KustomizeRenderer.Kind(obj)} {KustomizeRenderer.Name(obj)} has no spec");
                continue;
            }

            var model = ManifestSet.ToModel(obj);
            Assert.Equal(KustomizeRenderer.Name(obj), ((IMetadata<V1ObjectMeta>)model).Metadata.Name);
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EveryWorker_IsDeployed(string kustomization)
    {
        var names = ManifestSet.Render(kustomization).Deployments.Select(d => d.Metadata.Name).Order();

        Assert.Equal(["clv-api", "clv-scorer", "clv-sequencer", "clv-trainer"], names);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EveryIngress_RoutesToAServicePortThatExists(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);
        foreach (var path in set.Ingresses.SelectMany(i => i.Spec.Rules).SelectMany(r => r.Http.Paths))
        {
            var backend = path.Backend.Service;
            var service = set.Services.SingleOrDefault(s => s.Metadata.Name == backend.Name);
            Assert.True(service is not null, $"an Ingress routes to the Service '{backend.Name}', which is not in the manifests");
            Assert.Contains(service.Spec.Ports, p => p.Name == backend.Port.Name || p.Port == backend.Port.Number);
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EveryContainer_HasLivenessAndReadinessProbesOnTheHealthEndpoints(string kustomization)
    {
        foreach (var (deployment, container) in Containers(ManifestSet.Render(kustomization)))
        {
            var where = $"{deployment.Metadata.Name}/{container.Name}";
            Assert.True(container.LivenessProbe?.HttpGet is not null, $"{where} has no HTTP liveness probe");
            Assert.True(container.ReadinessProbe?.HttpGet is not null, $"{where} has no HTTP readiness probe");
            Assert.Equal("/health/live", container.LivenessProbe.HttpGet.Path);
            Assert.Equal("/health/ready", container.ReadinessProbe.HttpGet.Path);
            foreach (var probe in new[] { container.StartupProbe, container.LivenessProbe, container.ReadinessProbe })
            {
                if (probe?.HttpGet is { } get)
                {
                    Assert.True(ResolvePort(container, get.Port) is not null, $"{where} probes port '{get.Port}', which the container does not declare");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EveryContainerPort_IsOneItsImageExposes(string kustomization)
    {
        foreach (var (deployment, container) in Containers(ManifestSet.Render(kustomization)))
        {
            var exposed = Dockerfiles.ExposedPorts(Dockerfiles.ProjectOfImage(container.Image)).ToList();
            foreach (var port in container.Ports ?? [])
            {
                Assert.True(exposed.Contains(port.ContainerPort),
                    $"{deployment.Metadata.Name}/{container.Name} declares port {port.ContainerPort}; its Dockerfile exposes {string.Join(", ", exposed)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EveryContainer_RequestsAndLimitsCpuAndMemory_RequestsNotAboveLimits(string kustomization)
    {
        foreach (var (deployment, container) in Containers(ManifestSet.Render(kustomization)))
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var where = $"{deployment.Metadata.Name}/{container.Name} {resource}";
                Assert.True(container.Resources?.Requests?.ContainsKey(resource) == true, $"{where} has no request");
                Assert.True(container.Resources.Limits?.ContainsKey(resource) == true, $"{where} has no limit");
                var request = container.Resources.Requests[resource].ToDecimal();
                var limit = container.Resources.Limits[resource].ToDecimal();
                Assert.True(request > 0 && request <= limit, $"{where}: request {request} must be positive and at most the limit {limit}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EveryPod_RunsAsNonRoot_WithAReadOnlyRootFilesystem_AndAWritableTmp(string kustomization)
    {
        foreach (var (deployment, container) in Containers(ManifestSet.Render(kustomization)))
        {
            var where = $"{deployment.Metadata.Name}/{container.Name}";
            var pod = deployment.Spec.Template.Spec.SecurityContext;
            var own = container.SecurityContext;
            Assert.True((own?.RunAsNonRoot ?? pod?.RunAsNonRoot) == true, $"{where} does not set runAsNonRoot");
            Assert.NotEqual(0, own?.RunAsUser ?? pod?.RunAsUser);
            Assert.True(own?.ReadOnlyRootFilesystem == true, $"{where} has a writable root filesystem");
            Assert.True(own.AllowPrivilegeEscalation == false, $"{where} allows privilege escalation");
            Assert.Contains("ALL", own.Capabilities?.Drop ?? []);
            // .NET needs a writable temp folder (diagnostics sockets) once the root is read-only.
            Assert.Contains(container.VolumeMounts ?? [], mount => mount.MountPath == "/tmp" && mount.ReadOnlyProperty != true);
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EveryDeployment_SelectsItsOwnPodTemplate(string kustomization)
    {
        foreach (var deployment in ManifestSet.Render(kustomization).Deployments)
        {
            Assert.True(Selects(deployment.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels),
                $"{deployment.Metadata.Name}'s selector does not match its pod template's labels");
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EveryDeployment_HasADisruptionBudgetThatSelectsItsPodsAndAllowsAnEviction(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);
        var budgets = set.DisruptionBudgets.ToList();
        foreach (var deployment in set.Deployments)
        {
            var matching = budgets.Where(b => Selects(b.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels)).ToList();
            var budget = Assert.Single(matching);
            // A budget that allows no eviction would block every node drain.
            if (budget.Spec.MinAvailable is { } minAvailable)
            {
                Assert.True(int.Parse(minAvailable.Value, System.Globalization.CultureInfo.InvariantCulture) < (deployment.Spec.Replicas ?? 1),
                    $"{budget.Metadata.Name}: minAvailable {minAvailable.Value} leaves no pod of {deployment.Metadata.Name} evictable");
            }
            else
            {
                Assert.NotEqual("0", budget.Spec.MaxUnavailable?.Value);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EveryService_SelectsAWorkersPods_AndTargetsAPortItsContainerDeclares(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);
        var deployments = set.Deployments.ToList();
        foreach (var service in set.Services)
        {
            var target = deployments.SingleOrDefault(d => Selects(service.Spec.Selector, d.Spec.Template.Metadata.Labels));
            Assert.True(target is not null, $"Service {service.Metadata.Name} selects no single Deployment's pods");
            foreach (var port in service.Spec.Ports)
            {
                Assert.Contains(target.Spec.Template.Spec.Containers, c => ResolvePort(c, port.TargetPort ?? port.Port.ToString()) is not null);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EveryPod_UsesAServiceAccountWithoutAnApiToken(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);
        var accounts = set.Objects.Where(o => KustomizeRenderer.Kind(o) == "ServiceAccount").Select(o => (V1ServiceAccount)ManifestSet.ToModel(o)).ToList();
        foreach (var deployment in set.Deployments)
        {
            var account = accounts.SingleOrDefault(a => a.Metadata.Name == deployment.Spec.Template.Spec.ServiceAccountName);
            Assert.True(account is not null, $"{deployment.Metadata.Name} runs as '{deployment.Spec.Template.Spec.ServiceAccountName}', which is not in the manifests");
            Assert.False(deployment.Spec.Template.Spec.AutomountServiceAccountToken ?? account.AutomountServiceAccountToken ?? true,
                $"{deployment.Metadata.Name} mounts an API token it never uses");
        }
    }

    internal static IEnumerable<(V1Deployment Deployment, V1Container Container)> Containers(ManifestSet set) =>
        set.Deployments.SelectMany(d => d.Spec.Template.Spec.Containers.Select(c => (d, c)));

    private static V1ContainerPort? ResolvePort(V1Container container, IntOrString port) =>
        container.Ports?.FirstOrDefault(p => p.Name == port.Value || p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == port.Value);

    private static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && labels is not null
        && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
