using Clv.Development.Kafka;
using Clv.ModelLifecycle;
using System.Diagnostics;
using Clv.Contracts;
using Clv.Contracts.Json;
using Clv.Contracts.Transactions;
using Clv.Hosting;
using Clv.Hosting.Kafka;
using Clv.Hosting.Telemetry;
using Clv.Model;
using Clv.Model.Features;
using Clv.Development.Embedded;
using Clv.Workers;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace Clv.EndToEnd.Tests;

/// <summary>
/// One event replayed with a W3C traceparent yields ONE trace across the split pipeline: the sequencer's span
/// is the child of the replay's, and the scorer's span (on the other side of <c>transactions.sequenced</c>)
/// the child of the sequencer's.
/// </summary>
[Collection(nameof(InProcessPipelineCollection))]
public sealed class TracePropagationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ReplayedEvent_SequencerAndScorerSpans_ShareOneTrace_ParentToChild()
    {
        using var kafka = MockKafkaCluster.Start();
        foreach (var topic in new[] { Topics.Transactions, Topics.Sequenced, Topics.ClvUpdates, Topics.ChurnAlerts, Topics.DeadLetter })
        {
            kafka.CreateTopic(topic, 2);
        }
        using var garnet = EmbeddedGarnet.Start();
        var spans = new ExportedSpans();
        using var host = BuildSplitPipeline(kafka.BootstrapServers, garnet.ConnectionString, spans);
        await host.StartAsync();

        ActivityTraceId replayTrace;
        ActivitySpanId replaySpan;
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build())
        {
            using var replay = new Activity("replay publish").SetIdFormat(ActivityIdFormat.W3C).Start();
            replay.ActivityTraceFlags = ActivityTraceFlags.Recorded;
            replayTrace = replay.TraceId;
            replaySpan = replay.SpanId;
            var transaction = new TransactionEvent("trace-1", "c-trace", DateTimeOffset.Parse("1997-03-01T00:00:00Z"), 12.5, "USD", TransactionKind.Purchase);
            var message = new Message<string, byte[]> { Key = transaction.CustomerId, Value = ClvJson.Serialize(transaction), Headers = [] };
            KafkaTraceContext.Inject(replay, message.Headers);
            await producer.ProduceAsync(Topics.Transactions, message);
        }

        var (sequence, score) = await WaitForSpansAsync(spans, "sequence", "score");
        await host.StopAsync();

        Assert.Equal(
            (replayTrace, replayTrace, replaySpan, sequence.SpanId),
            (sequence.TraceId, score.TraceId, sequence.ParentSpanId, score.ParentSpanId));
    }

    private static IHost BuildSplitPipeline(string bootstrapServers, string redis, ExportedSpans spans)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["Redis:ConnectionString"] = redis,
            ["Workers:Recency:Enabled"] = "false",
        });
        builder.AddClvDefaults();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        // A test-local model: the trace does not depend on what the weights predict.
        builder.Services.AddSingleton(new ActiveModel(MtlLstmModel.CreateInitial(new ModelConfig(), FeatureStatistics.Identity, seed: 1, "trace-test")));
        builder.AddSequencerWorker();
        builder.AddScorerWorker();
        return builder.Build();
    }

    private static async Task<(Activity First, Activity Second)> WaitForSpansAsync(ExportedSpans spans, string first, string second)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (spans.Find(first) is { } a && spans.Find(second) is { } b)
            {
                return (a, b);
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"no '{first}' and '{second}' spans within {Timeout}; exported: {spans.Names()}");
    }
}
