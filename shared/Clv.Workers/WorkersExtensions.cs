using Clv.Contracts.Validation;
using Clv.Hosting.Kafka;
using Clv.Hosting.Health;
using Clv.Hosting.Settings;
using Clv.ModelLifecycle;
using Clv.Workers.Alerts;
using Clv.Workers.Faults;
using Clv.Workers.Health;
using Clv.Workers.Kafka;
using Clv.Workers.Options;
using Clv.Workers.Pipeline;
using Clv.Workers.Positions;
using Clv.Workers.Scoring;
using Clv.Workers.Sequencing;
using Clv.Workers.State;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clv.Workers;

/// <summary>
/// The wiring of the worker components, shared by the services and Clv.Standalone. A host adds the parts it
/// runs: <see cref="AddSequencerWorker"/> and/or <see cref="AddScorerWorker"/> (split), or
/// <see cref="AddFusedWorker"/>. Each consume loop gets its own handler graph (the components keep per-batch
/// buffers); the Kafka producer, Redis connection and active model are shared.
/// </summary>
public static class WorkersExtensions
{
    public static IHostApplicationBuilder AddSequencerWorker(this IHostApplicationBuilder builder)
    {
        builder.AddWorkerComponents();
        builder.Services.AddSingleton<IHostedService>(sp => Worker(sp, new WorkerStage("sequencer", Options(sp).Topics.Transactions, Options(sp).SequencerGroupId),
            ActivatorUtilities.CreateInstance<SequencerHandler>(sp, Delivery(sp))));
        return builder;
    }

    public static IHostApplicationBuilder AddScorerWorker(this IHostApplicationBuilder builder)
    {
        builder.AddWorkerComponents();
        builder.Services.AddSingleton<WorkersReadinessRequirements>(_ => new() { NeedsModel = true });
        builder.Services.AddSingleton<IHostedService>(sp =>
        {
            var delivery = Delivery(sp);
            return Worker(sp, new WorkerStage("scorer", Options(sp).Topics.Sequenced, Options(sp).ScorerGroupId, NeedsModel: true),
                ActivatorUtilities.CreateInstance<ScorerHandler>(sp, delivery));
        });
        return builder;
    }

    public static IHostApplicationBuilder AddFusedWorker(this IHostApplicationBuilder builder)
    {
        builder.AddWorkerComponents();
        builder.Services.AddSingleton<WorkersReadinessRequirements>(_ => new() { NeedsModel = true });
        builder.Services.AddSingleton<IHostedService>(sp => Worker(sp, new WorkerStage("fused", Options(sp).Topics.Transactions, Options(sp).ScorerGroupId, NeedsModel: true),
            ActivatorUtilities.CreateInstance<FusedHandler>(sp, Delivery(sp))));
        return builder;
    }

    /// <summary>
    /// The components every worker needs (idempotent: each Add*Worker calls it). Expects Clv.Hosting's
    /// <c>AddClvDefaults</c> first: it provides the Kafka client factory, the Redis connection and its health check.
    /// </summary>
    public static IHostApplicationBuilder AddWorkerComponents(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddWorkersOptions(builder.Configuration);
        services.AddValidatedOptions<TransactionParserOptions>(builder.Configuration, TransactionParserOptions.Section, options => options.Problems());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new TransactionParser(sp.GetRequiredService<IOptions<TransactionParserOptions>>().Value));
        services.TryAddSingleton<IFaultInjector>(NoFaults.Instance);
        services.TryAddSingleton<WorkerReadiness>();
        services.TryAddSingleton<RedisIncarnation>();
        services.TryAddSingleton<WorkersReadinessRequirements>();
        services.TryAddSingleton(sp => new EventTimeWatermark(Options(sp).Recency));
        services.TryAddSingleton(sp => sp.GetRequiredService<KafkaClientFactory>().CreateProducer($"clv-workers-{Environment.MachineName}"));
        services.AddActiveModel(builder.Configuration);
        services.TryAddSingleton(sp => new ChurnAlertPolicy(Options(sp).Alerts));
        services.TryAddTransient<ScoringStateStore>();
        services.TryAddTransient<ScorePublisher>();
        services.TryAddTransient<ScoringUnit>();
        services.TryAddTransient<Sequencer>();
        services.TryAddTransient<Scorer>();
        services.TryAddTransient<RecencySweeper>();
        if (!services.Any(d => d.ServiceType == typeof(WorkersReadinessCheck)))
        {
            services.AddSingleton<WorkersReadinessCheck>();
            services.AddHealthChecks().AddCheck<WorkersReadinessCheck>("workers", tags: [HealthTags.Ready]);
        }

        return builder;
    }

    /// <summary>
    /// The <c>Workers</c> section as <see cref="IOptions{WorkersOptions}"/>, validated at start-up; the components
    /// take its value (one binding, one instance).
    /// </summary>
    public static IServiceCollection AddWorkersOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WorkersOptions>(configuration, WorkersOptions.Section, WorkersOptionsRules.Problems);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<WorkersOptions>>().Value);
        return services;
    }

    /// <summary>
    /// The one <see cref="ActiveModel"/> of the process, registered here only: the weights file of
    /// <c>Workers:ModelPath</c> when set, else empty until the model lifecycle activates a version. Both the worker
    /// and the model-activation registrations call this, so the order they run in changes nothing.
    /// </summary>
    public static IServiceCollection AddActiveModel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWorkersOptions(configuration);
        if (!services.Any(d => d.ServiceType == typeof(ActiveModel)))
        {
            services.AddSingleton(sp => ActiveModelLoader.Load(Options(sp), sp.GetRequiredService<ILogger<ActiveModel>>()));
        }

        return services;
    }

    // AddHostedService(factory) would register a second BatchWorker as a duplicate of the first (TryAddEnumerable):
    // each loop is added as its own IHostedService instead.
    private static WorkersOptions Options(IServiceProvider sp) => sp.GetRequiredService<WorkersOptions>();

    private static DeliveryBatch Delivery(IServiceProvider sp) => new(sp.GetRequiredService<IProducer<string, byte[]>>());

    private static BatchWorker Worker(IServiceProvider sp, WorkerStage stage, IBatchHandler handler) =>
        ActivatorUtilities.CreateInstance<BatchWorker>(sp, stage, handler);
}
