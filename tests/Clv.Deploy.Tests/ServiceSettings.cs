namespace Clv.Deploy.Tests;

/// <summary>The environment variables every Clv service binds, wherever it is deployed.</summary>
internal static class ServiceSettings
{
    public static readonly string[] Required =
    [
        "Kafka__BootstrapServers",
        "Redis__ConnectionString",
        "RabbitMq__Uri",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_SERVICE_NAME",
    ];

    /// <summary>The serving API has no control-plane bus: it reads models from the Redis store only.</summary>
    public static IEnumerable<string> RequiredBy(string service) =>
        service is "clv-api" or "api" ? Required.Where(setting => setting != "RabbitMq__Uri") : Required;
}
