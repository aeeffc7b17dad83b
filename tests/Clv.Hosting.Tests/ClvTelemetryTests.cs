using Clv.Hosting.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Clv.Hosting.Tests;

public sealed class ClvTelemetryTests
{
    [Fact]
    public void AddClvDefaults_CollectsTheClvStreamingMeter()
    {
        var exported = new List<Metric>();
        var builder = Host.CreateApplicationBuilder();
        builder.AddClvDefaults();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddInMemoryExporter(exported));
        using var host = builder.Build();
        var meters = host.Services.GetRequiredService<MeterProvider>();
        var stage = new KeyValuePair<string, object?>("stage", $"test-{Guid.NewGuid():N}");

        ClvTelemetry.EventsProcessed.Add(3, stage);
        ClvTelemetry.ActiveModelVersion = "v-test";
        meters.ForceFlush();

        Assert.Equal(3, SumFor(exported, "clv.events.processed", stage));
        Assert.Contains(exported, m => m.Name == "clv.model.active");
    }

    private static long SumFor(List<Metric> metrics, string name, KeyValuePair<string, object?> tag)
    {
        long sum = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var t in point.Tags)
                {
                    if (t.Key == tag.Key && Equals(t.Value, tag.Value))
                    {
                        sum += point.GetSumLong();
                    }
                }
            }
        }
        return sum;
    }
}
