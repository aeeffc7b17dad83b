using System.Text.Json.Nodes;
using Clv.Contracts;

namespace Clv.Deploy.Tests;

/// <summary>
/// Which overlay scales the workers on what: dev on CPU (HPA), prod on consumer lag (KEDA).
/// Never both on one Deployment (KEDA owns an HPA of its own), never the trainer (one promoter),
/// never more consumers than partitions.
/// </summary>
public sealed class KubernetesAutoscalingTests
{
    private static readonly Dictionary<string, (string Topic, string GroupSetting)> ConsumptionOfWorker = new()
    {
        ["clv-sequencer"] = (Topics.Transactions, "Workers__SequencerGroupId"),
        ["clv-scorer"] = (Topics.Sequenced, "Workers__ScorerGroupId"),
    };

    [Theory]
    [InlineData("overlays/dev", "HorizontalPodAutoscaler")]
    [InlineData("overlays/prod", "ScaledObject")]
    public void EachWorker_IsScaledByExactlyOneAutoscaler_OfTheOverlaysKind(string overlay, string expectedKind)
    {
        var set = ManifestSet.Render(overlay);
        var targets = set.Objects
            .Where(o => KustomizeRenderer.Kind(o) is "HorizontalPodAutoscaler" or "ScaledObject")
            .Select(o => (Kind: KustomizeRenderer.Kind(o), Target: (string?)o["spec"]?["scaleTargetRef"]?["name"]))
            .ToList();

        foreach (var worker in ConsumptionOfWorker.Keys)
        {
            var scalers = targets.Where(t => t.Target == worker).ToList();
            Assert.True(scalers.Count == 1, $"{overlay}: {worker} is scaled by {scalers.Count} autoscalers");
            Assert.Equal(expectedKind, scalers[0].Kind);
        }

        Assert.DoesNotContain(targets, t => t.Target == "clv-trainer");
        Assert.All(targets, t => Assert.Contains(set.Deployments, d => d.Metadata.Name == t.Target));
    }

    [Fact]
    public void CpuAutoscalers_ScaleOnCpuUtilisation_UpToThePartitionCount()
    {
        foreach (var hpa in ManifestSet.Render("overlays/dev").Autoscalers)
        {
            var metric = Assert.Single(hpa.Spec.Metrics);
            Assert.Equal("cpu", metric.Resource?.Name);
            Assert.Equal("Utilization", metric.Resource?.Target.Type);
            Assert.InRange(hpa.Spec.MaxReplicas, hpa.Spec.MinReplicas ?? 1, ComposeFile.TopicPartitions);
        }
    }

    [Fact]
    public void LagTriggers_WatchTheTopicAndGroupEachWorkerConsumes_OnTheBrokersTheWorkersUse()
    {
        var set = ManifestSet.Render("overlays/prod");
        var settings = set.ConfigMaps.Single(m => m.Metadata.Name == "clv-settings").Data;
        var authentications = set.Objects.Where(o => KustomizeRenderer.Kind(o) == "TriggerAuthentication").Select(KustomizeRenderer.Name).ToList();

        foreach (var scaled in set.ScaledObjects)
        {
            var worker = (string)scaled["spec"]!["scaleTargetRef"]!["name"]!;
            var trigger = Assert.Single(scaled["spec"]!["triggers"]!.AsArray().OfType<JsonObject>());
            var metadata = trigger["metadata"]!;
            Assert.Equal("kafka", (string?)trigger["type"]);
            var (topic, groupSetting) = ConsumptionOfWorker[worker];
            Assert.Equal(topic, (string?)metadata["topic"]);
            Assert.Equal(settings[groupSetting], (string?)metadata["consumerGroup"]);
            Assert.Equal(settings["Kafka__BootstrapServers"], (string?)metadata["bootstrapServers"]);
            Assert.True(long.Parse((string)metadata["lagThreshold"]!, System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.Contains((string?)trigger["authenticationRef"]?["name"], authentications);
            Assert.InRange((long)scaled["spec"]!["maxReplicaCount"]!, (long)scaled["spec"]!["minReplicaCount"]!, ComposeFile.TopicPartitions);
        }
    }
}
