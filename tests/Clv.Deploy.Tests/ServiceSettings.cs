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
}
