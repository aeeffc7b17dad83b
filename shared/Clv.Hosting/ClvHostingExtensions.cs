using Clv.Hosting.Bus;
using Clv.Hosting.Health;
using Clv.Hosting.Kafka;
using Clv.Hosting.Redis;
using Clv.Hosting.Settings;
using Clv.Hosting.Telemetry;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace Clv.Hosting;

/// <summary>
/// The shared service defaults (after eShop's ServiceDefaults): configuration binding, Kafka client
/// factory, Redis connection, OpenTelemetry, health endpoints, and the control-plane bus.
/// </summary>
public static class ClvHostingExtensions
{
    private const string AspNetCoreCategory = "Microsoft.AspNetCore";

    /// <summary>
    /// Binds Kafka/Redis/RabbitMq options, registers <see cref="KafkaClientFactory"/>, the shared
    /// Redis connection and its readiness check (when Redis is configured), and OpenTelemetry
    /// tracing, metrics and logs (exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set).
    /// </summary>
    public static IHostApplicationBuilder AddClvDefaults(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<KafkaOptions>(builder.Configuration, KafkaOptions.Section, HostingOptionsRules.Problems);
        services.AddValidatedOptions<RedisOptions>(builder.Configuration, RedisOptions.Section, HostingOptionsRules.Problems);
        services.AddValidatedOptions<RabbitMqOptions>(builder.Configuration, RabbitMqOptions.Section, HostingOptionsRules.Problems);
        services.AddSingleton<KafkaClientFactory>();

        var health = services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [HealthTags.Live]);
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.IsConfigured)
        {
            services.AddSingleton<IConnectionMultiplexer>(provider =>
                ConnectionMultiplexer.Connect(provider.GetRequiredService<IOptions<RedisOptions>>().Value.ToConfigurationOptions()));
            health.AddCheck<RedisHealthCheck>("redis", tags: [HealthTags.Ready], timeout: RedisHealthCheck.Timeout);
        }

        builder.AddClvOpenTelemetry();
        return builder;
    }

    /// <summary><c>/health/live</c>: the process runs; <c>/health/ready</c>: its dependencies answer.</summary>
    public static WebApplication MapClvHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Live) });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Ready) });
        return app;
    }

    /// <summary>
    /// The control-plane bus: MassTransit on RabbitMQ when <c>RabbitMq:Uri</c> is set, else the
    /// in-memory transport (one process). Consumers are registered by <paramref name="configure"/>
    /// and get their endpoints by MassTransit's naming conventions. MassTransit's usage telemetry is off.
    /// </summary>
    public static IServiceCollection AddClvBus(this IServiceCollection services, IConfiguration configuration, Action<IBusRegistrationConfigurator> configure)
    {
        var rabbit = configuration.GetSection(RabbitMqOptions.Section).Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        // Host start returns only once the queues are bound, so nothing published right after start is lost.
        services.Configure<MassTransitHostOptions>(host => host.WaitUntilStarted = true);
        services.AddMassTransit(bus =>
        {
            // MassTransit 8.5 otherwise posts usage telemetry to its vendor over the internet from every service.
            // MASSTRANSIT_USAGE_TELEMETRY, when set, overrides this (MassTransit reads it after the options).
            bus.DisableUsageTelemetry();
            configure(bus);
            if (rabbit.IsConfigured)
            {
                bus.UsingRabbitMq((context, transport) =>
                {
                    // MassTransit reads user, password, vhost and amqps (TLS) from the URI itself.
                    transport.Host(new Uri(rabbit.Uri!));
                    transport.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
            }
        });
        return services;
    }

    private static void AddClvOpenTelemetry(this IHostApplicationBuilder builder)
    {
        // ASP.NET Core logs every request at Information (starting, endpoint, result, finished): at thousands of
        // lookups a second that was a third of a lookup's CPU. Warning, unless the configuration names a level.
        if (builder.Configuration[$"Logging:LogLevel:{AspNetCoreCategory}"] is null)
        {
            builder.Logging.AddFilter(AspNetCoreCategory, LogLevel.Warning);
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                // The application name is only the fallback: OTEL_SERVICE_NAME, when set, names the service.
                .AddService(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") is { Length: > 0 } name
                    ? name
                    : builder.Environment.ApplicationName))
            .WithTracing(tracing => tracing
                .AddSource(ClvTelemetry.Name)
                .AddSource("MassTransit")
                .AddSource("Microsoft.AspNetCore"))
            .WithMetrics(metrics => metrics
                .AddMeter(ClvTelemetry.Name)
                .AddMeter("MassTransit")
                .AddMeter("Microsoft.AspNetCore.Hosting")
                .AddRuntimeInstrumentation());
        // The standard OTEL_* variables (endpoint, protocol, headers, service name) configure the exporter.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }
}
