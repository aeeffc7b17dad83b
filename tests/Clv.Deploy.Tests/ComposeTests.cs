using System.Text.Json.Nodes;
using Clv.Contracts;

namespace Clv.Deploy.Tests;

/// <summary>docker-compose.yml parses, every long-running service can report health, and the start order holds.</summary>
public sealed class ComposeTests
{
    // The collector's image is distroless: nothing inside could run a healthcheck (see docker-compose.yml).
    private static readonly HashSet<string> NoToolForAHealthcheck = ["otel-collector"];

    private static readonly string[] Workers = ["sequencer", "scorer", "trainer", "api"];

    [Fact]
    public void EveryLongRunningService_DeclaresAHealthcheck()
    {
        foreach (var (name, node) in ComposeFile.Services)
        {
            var service = node!.AsObject();
            if (ComposeFile.IsOneShot(service) || NoToolForAHealthcheck.Contains(name))
            {
                continue;
            }

            var test = service["healthcheck"]?["test"]?.AsArray();
            Assert.True(test is { Count: > 1 } && (string?)test[0] is "CMD" or "CMD-SHELL", $"service '{name}' has no healthcheck test");
        }
    }

    [Fact]
    public void EveryDependency_NamesAServiceThatCanMeetItsCondition()
    {
        foreach (var (name, node) in ComposeFile.Services)
        {
            foreach (var (dependency, spec) in node!["depends_on"]?.AsObject() ?? [])
            {
                var target = ComposeFile.Services[dependency]?.AsObject();
                Assert.True(target is not null, $"'{name}' depends on '{dependency}', which is not a service");
                var condition = (string?)spec?["condition"];
                switch (condition)
                {
                    case "service_healthy":
                        Assert.True(target["healthcheck"] is not null, $"'{name}' waits for '{dependency}' to be healthy, but it has no healthcheck");
                        break;
                    case "service_completed_successfully":
                        Assert.True(ComposeFile.IsOneShot(target), $"'{name}' waits for '{dependency}' to complete, but it is long-running");
                        break;
                    default:
                        Assert.Equal("service_started", condition);
                        break;
                }
            }
        }
    }

    [Fact]
    public void TopicInit_CreatesEveryContractTopic_WithAutoCreationOff()
    {
        var script = ComposeFile.TopicScript;

        foreach (var topic in new[] { Topics.Transactions, Topics.DeadLetter, Topics.Sequenced, Topics.ClvUpdates, Topics.ChurnAlerts })
        {
            Assert.Contains($" {topic} ", $" {script.ReplaceLineEndings(" ").Replace(";", " ", StringComparison.Ordinal)} ");
        }

        Assert.Equal("false", (string?)ComposeFile.Service("kafka")["environment"]!["KAFKA_AUTO_CREATE_TOPICS_ENABLE"]);
        Assert.True(ComposeFile.TopicPartitions >= 2);
    }

    [Fact]
    public void EveryWorker_IsBuiltFromItsDockerfile_AndBindsTheServiceSettings()
    {
        foreach (var worker in Workers)
        {
            var service = ComposeFile.Service(worker);
            var dockerfile = (string)service["build"]!["dockerfile"]!;
            var project = Dockerfiles.ProjectOfImage((string)service["image"]!);
            Assert.Equal(Dockerfiles.PathOf(project), dockerfile);
            Assert.True(File.Exists(RepositoryRoot.Combine(dockerfile)), $"'{worker}' builds from {dockerfile}, which does not exist");
            Assert.Equal(Dockerfiles.SharedProjects.Contains(project) ? project : null, (string?)service["build"]!["args"]?["SERVICE"]);
            Assert.Equal(".", (string?)service["build"]!["context"]);
            var environment = service["environment"]!.AsObject();
            Assert.All(ServiceSettings.Required, setting => Assert.True(environment.ContainsKey(setting), $"'{worker}' does not set {setting}"));
            Assert.Equal($"clv-{worker}", (string?)environment["OTEL_SERVICE_NAME"]);
        }
    }

    [Fact]
    public void Api_PublishesTheDashboardOnAHostPort_WithAuthenticationOff()
    {
        var api = ComposeFile.Service("api");

        Assert.Equal("8088:8080", (string?)api["ports"]?[0]);
        Assert.False(api["environment"]!.AsObject().ContainsKey("Api__Auth__Enabled"));
    }

    [Fact]
    public void Scorer_RunsTwoReplicas_WithoutAFixedHostPort()
    {
        var scorer = ComposeFile.Service("scorer");

        Assert.Equal(2, (long?)scorer["deploy"]?["replicas"]);
        Assert.Null(scorer["ports"]);
        Assert.Null(scorer["container_name"]);
    }

    [Fact]
    public void EveryMountedHostFile_Exists()
    {
        foreach (var (name, node) in ComposeFile.Services)
        {
            foreach (var volume in node!["volumes"]?.AsArray().Select(v => (string?)v ?? "") ?? [])
            {
                var source = volume.Split(':')[0];
                if (source.StartsWith("./", StringComparison.Ordinal))
                {
                    Assert.True(Path.Exists(RepositoryRoot.Combine(source[2..])), $"'{name}' mounts {source}, which is not in the repository");
                }
            }
        }
    }

    [Fact]
    public void Telemetry_FlowsFromTheServicesThroughTheCollectorToJaegerAndPrometheus()
    {
        var collector = YamlJson.ParseSingleObject(RepositoryRoot.Combine("deploy/otel-collector.yaml"));
        var prometheus = YamlJson.ParseSingleObject(RepositoryRoot.Combine("deploy/prometheus.yml"));
        var pipelines = collector["service"]!["pipelines"]!.AsObject();

        foreach (var (signal, pipeline) in pipelines)
        {
            foreach (var part in new[] { "receivers", "processors", "exporters" })
            {
                foreach (var component in pipeline![part]?.AsArray().Select(c => (string)c!) ?? [])
                {
                    Assert.True(collector[part]?[component] is not null, $"the {signal} pipeline uses {part[..^1]} '{component}', which is not defined");
                }
            }
        }

        // The services' OTLP endpoint is the collector's gRPC receiver.
        Assert.Equal("http://otel-collector:4317", (string?)ComposeFile.Service("sequencer")["environment"]!["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.EndsWith(":4317", (string?)collector["receivers"]!["otlp"]!["protocols"]!["grpc"]!["endpoint"]);
        // Traces reach Jaeger; Prometheus scrapes the port the collector's prometheus exporter listens on.
        Assert.Contains("otlp/jaeger", pipelines["traces"]!["exporters"]!.AsArray().Select(e => (string?)e));
        Assert.StartsWith("jaeger:", (string?)collector["exporters"]!["otlp/jaeger"]!["endpoint"]);
        var exporterPort = ((string)collector["exporters"]!["prometheus"]!["endpoint"]!).Split(':')[^1];
        var targets = prometheus["scrape_configs"]!.AsArray().SelectMany(job => job!["static_configs"]!.AsArray().SelectMany(c => c!["targets"]!.AsArray())).Select(t => (string?)t);
        Assert.Contains($"otel-collector:{exporterPort}", targets);
        Assert.NotNull(ComposeFile.Services["jaeger"]);
        Assert.NotNull(ComposeFile.Services["prometheus"]);
    }
}
