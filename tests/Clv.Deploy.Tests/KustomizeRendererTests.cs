using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Clv.Deploy.Tests;

/// <summary>The C# renderer the manifest tests rely on gives what kubectl applies.</summary>
public sealed class KustomizeRendererTests
{
    public static TheoryData<string> Kustomizations => ManifestSet.Kustomizations;

    [SkippableTheory]
    [MemberData(nameof(Kustomizations))]
    public void Render_EqualsKubectlKustomize_ObjectForObject(string kustomization)
    {
        var kubectlOutput = RunKubectlKustomize(RepositoryRoot.Combine(Path.Combine("deploy", kustomization)));
        Skip.If(kubectlOutput is null, "kubectl is not installed; the other tests still check the C# rendering");

        var expected = YamlJson.ParseDocuments(kubectlOutput).OfType<JsonObject>().ToDictionary(Identity);
        var actual = KustomizeRenderer.Render(RepositoryRoot.Combine(Path.Combine("deploy", kustomization))).ToDictionary(Identity);

        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (identity, obj) in actual)
        {
            Assert.True(JsonNode.DeepEquals(expected[identity], obj),
                $"{identity} differs from kubectl's rendering:\nkubectl: {expected[identity]!.ToJsonString()}\nC#:      {obj.ToJsonString()}");
        }
    }

    [Fact]
    public void Patch_MergesContainersAndEnvByName_PutsNewItemsFirst_AndReplacesPlainValues()
    {
        var target = JsonNode.Parse("""
            {"spec":{"replicas":2,"containers":[{"name":"a","image":"x","env":[{"name":"K","value":"1"}]},{"name":"b","image":"y"}]}}
            """)!.AsObject();
        var patch = JsonNode.Parse("""
            {"spec":{"replicas":1,"containers":[{"name":"a","env":[{"name":"K","value":"2"},{"name":"L","value":"3"}]}]}}
            """)!.AsObject();

        StrategicMerge.Apply(target, patch);

        var expected = JsonNode.Parse("""
            {"spec":{"replicas":1,"containers":[{"name":"a","image":"x","env":[{"name":"L","value":"3"},{"name":"K","value":"2"}]},{"name":"b","image":"y"}]}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, target), target.ToJsonString());
    }

    [Fact]
    public void Render_RefusesAKustomizationFieldItDoesNotImplement()
    {
        var directory = Directory.CreateTempSubdirectory("clv-kustomize-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "kustomization.yaml"), "resources: []\ncommonLabels:\n  team: clv\n");

            var error = Assert.Throws<NotSupportedException>(() => KustomizeRenderer.Render(directory.FullName));
            Assert.Contains("commonLabels", error.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Identity(JsonObject obj) =>
        $"{KustomizeRenderer.Kind(obj)}/{(string?)obj["metadata"]?["namespace"]}/{KustomizeRenderer.Name(obj)}";

    private static string? RunKubectlKustomize(string directory)
    {
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo("kubectl", ["kustomize", directory])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"kubectl kustomize {directory} failed: {stderr.Result}");
            return output;
        }
    }
}
