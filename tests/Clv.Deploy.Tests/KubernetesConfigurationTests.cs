using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Clv.Deploy.Tests;

/// <summary>Settings reach every worker from the ConfigMap, credentials only from the Secret by reference.</summary>
public sealed partial class KubernetesConfigurationTests
{
    public static TheoryData<string> Kustomizations => ManifestSet.Kustomizations;

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Credentials_ComeFromSecretKeyRef_NeverFromLiterals(string kustomization)
    {
        foreach (var (deployment, container) in KubernetesWorkloadTests.Containers(ManifestSet.Render(kustomization)))
        {
            foreach (var variable in container.Env ?? [])
            {
                if (CredentialName().IsMatch(variable.Name))
                {
                    Assert.True(variable.ValueFrom?.SecretKeyRef is not null,
                        $"{deployment.Metadata.Name}/{container.Name} sets {variable.Name} without a secretKeyRef");
                }

                Assert.False(variable.Value is { } value && CredentialValue().IsMatch(value),
                    $"{deployment.Metadata.Name}/{container.Name} has a credential in the literal value of {variable.Name}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void ConfigMaps_HoldNoCredentials_AndNoSecretIsCommitted(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);

        Assert.DoesNotContain(set.Objects, o => KustomizeRenderer.Kind(o) == "Secret");
        foreach (var map in set.ConfigMaps)
        {
            foreach (var (key, value) in map.Data ?? new Dictionary<string, string>())
            {
                Assert.False(CredentialName().IsMatch(key), $"ConfigMap {map.Metadata.Name} holds the credential {key}");
                Assert.False(CredentialValue().IsMatch(value), $"ConfigMap {map.Metadata.Name}: {key} carries a credential in its value");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EverySecretKey_TheManifestsReference_IsDocumentedForOperators(string kustomization)
    {
        var docs = File.ReadAllText(RepositoryRoot.Combine("docs/deploy.md"));
        foreach (var (secret, key) in SecretReferences(ManifestSet.Render(kustomization)))
        {
            Assert.Equal("clv-secrets", secret);
            Assert.True(docs.Contains($"`{key}`", StringComparison.Ordinal), $"docs/deploy.md does not tell operators to create the key `{key}` of {secret}");
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EveryWorker_GetsTheSettingsTheServicesBind(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);
        var maps = set.ConfigMaps.ToDictionary(m => m.Metadata.Name);
        foreach (var (deployment, container) in KubernetesWorkloadTests.Containers(set))
        {
            var names = new HashSet<string>((container.Env ?? []).Select(e => e.Name));
            foreach (var source in container.EnvFrom ?? [])
            {
                var map = maps.GetValueOrDefault(source.ConfigMapRef?.Name ?? "");
                Assert.True(map is not null, $"{deployment.Metadata.Name} reads the ConfigMap '{source.ConfigMapRef?.Name}', which is not in the manifests");
                names.UnionWith(map.Data.Keys);
            }

            foreach (var setting in ServiceSettings.RequiredBy(deployment.Metadata.Name))
            {
                Assert.True(names.Contains(setting), $"{deployment.Metadata.Name}/{container.Name} does not get {setting}");
            }
        }
    }

    private static IEnumerable<(string Secret, string Key)> SecretReferences(ManifestSet set)
    {
        foreach (var (_, container) in KubernetesWorkloadTests.Containers(set))
        {
            foreach (var variable in container.Env ?? [])
            {
                if (variable.ValueFrom?.SecretKeyRef is { } reference)
                {
                    yield return (reference.Name, reference.Key);
                }
            }
        }

        foreach (var auth in set.Objects.Where(o => KustomizeRenderer.Kind(o) == "TriggerAuthentication"))
        {
            foreach (var target in auth["spec"]?["secretTargetRef"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                yield return ((string)target["name"]!, (string)target["key"]!);
            }
        }
    }

    // Names of settings that carry a credential (RabbitMq__Uri embeds the user and password).
    [GeneratedRegex("(?i)password|secret|token|apikey|sasl_?username|rabbitmq__uri")]
    private static partial Regex CredentialName();

    // A literal credential: password=... in a connection string, or user:password@ in a URI.
    [GeneratedRegex(@"(?i)password=|://[^/@\s]+:[^/@\s]+@")]
    private static partial Regex CredentialValue();
}
