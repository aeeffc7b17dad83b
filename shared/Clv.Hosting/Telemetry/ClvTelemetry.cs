using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Clv.Hosting.Telemetry;

/// <summary>
/// The one trace source and meter of Clv.Streaming, with every instrument the workers record.
/// Static so the per-event path pays no lookup; AddClvDefaults subscribes OpenTelemetry to both.
/// </summary>
public static class ClvTelemetry
{
    public const string Name = "Clv.Streaming";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Events fully applied, tagged <c>stage</c> (sequencer, scorer, alerts).</summary>
    public static readonly Counter<long> EventsProcessed =
        Meter.CreateCounter<long>("clv.events.processed", "{event}", "Events applied by a pipeline stage");

    /// <summary>Events sent to the dead-letter topic, tagged <c>reason</c>.</summary>
    public static readonly Counter<long> EventsDeadLettered =
        Meter.CreateCounter<long>("clv.events.dead_lettered", "{event}", "Events rejected to the dead-letter topic");

    /// <summary>The name of <see cref="EventsDuplicated"/>, for listeners that subscribe while the instruments are being created.</summary>
    public const string EventsDuplicatedName = "clv.events.duplicates";

    /// <summary>Repeats of an already applied event id, skipped without any effect.</summary>
    public static readonly Counter<long> EventsDuplicated =
        Meter.CreateCounter<long>(EventsDuplicatedName, "{event}", "Repeated events skipped by event id");

    /// <summary>From an event's arrival at a stage to its output being acknowledged, tagged <c>stage</c>.</summary>
    public static readonly Histogram<double> ProcessingLatency =
        Meter.CreateHistogram<double>("clv.processing.latency", "ms", "Time from consuming an event to its side effects being acknowledged");

    /// <summary>High watermark minus committed offset, tagged <c>topic</c> and <c>partition</c>.</summary>
    public static readonly Gauge<long> ConsumerLag =
        Meter.CreateGauge<long>("clv.consumer.lag", "{message}", "Messages behind the partition's high watermark");

    /// <summary>One Redis round trip (script call or pipeline flush), tagged <c>operation</c>.</summary>
    public static readonly Histogram<double> RedisLatency =
        Meter.CreateHistogram<double>("clv.redis.latency", "ms", "Redis round-trip time");

    /// <summary>Churn alerts published, tagged <c>cause</c>.</summary>
    public static readonly Counter<long> AlertsPublished =
        Meter.CreateCounter<long>("clv.alerts.published", "{alert}", "Churn-risk alerts published");

    private static volatile string? _activeModelVersion;

    static ClvTelemetry()
    {
        // Reports 1 tagged with the version in use, so a dashboard sees every replica's model at a glance.
        Meter.CreateObservableGauge("clv.model.active", ObserveActiveModel, "{model}", "Model version this process scores with");
    }

    /// <summary>The model version this process now scores with (call after each swap).</summary>
    public static string? ActiveModelVersion
    {
        get => _activeModelVersion;
        set => _activeModelVersion = value;
    }

    private static IEnumerable<Measurement<int>> ObserveActiveModel()
    {
        var version = _activeModelVersion;
        return version is null ? [] : [new Measurement<int>(1, new KeyValuePair<string, object?>("model.version", version))];
    }
}
