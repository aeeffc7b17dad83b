using Clv.Hosting.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Clv.Cli;

/// <summary>
/// Tracing for the command-line tool: always on, so published events carry a <c>traceparent</c> the services
/// continue; exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class CliTelemetry
{
    public static TracerProvider StartTracing()
    {
        var builder = Sdk.CreateTracerProviderBuilder()
            .AddSource(ClvTelemetry.Name)
            .SetSampler(new AlwaysOnSampler());
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            builder.AddOtlpExporter();
        }

        return builder.Build();
    }
}
