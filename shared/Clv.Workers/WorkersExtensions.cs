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
            Handlers(sp).Sequencer(Producer(sp))));
        return builder;
    }

    public static IHostApplicationBuilder AddScorerWorker(this IHostApplicationBuilder builder)
    {
        builder.AddWorkerComponents();
        builder.Services.AddSingleton<WorkersReadinessRequirements>(_ => new() { NeedsModel = true });
        builder.Services.AddSingleton<IHostedService>(sp => Worker(sp, new WorkerStage("scorer", Options(sp).Topics.Sequenced, Options(sp).ScorerGroupId, NeedsModel: true),
            Handlers(sp).Scorer(Producer(sp))));
        return builder;
    }

    public static IHostApplicationBuilder AddFusedWorker(this IHostApplicationBuilder builder)
    {
        builder.AddWorkerComponents();
        builder.Services.AddSingleton<WorkersReadinessRequirements>(_ => new() { NeedsModel = true });
        builder.Services.AddSingleton<IHostedService>(sp => Worker(sp, new WorkerStage("fused", Options(sp).Topics.Transactions, Options(sp).ScorerGroupId, NeedsModel: true),
            Handlers(sp).Fused(Producer(sp))));
        return builder;
    }

    /// <summary>
    /// The components every worker needs (idempotent: each Add*Worker calls it), and <see cref="WorkerHandlers"/>,
    /// which builds a loop's handler from them. Expects Clv.Hosting's <c>AddClvDefaults</c> first: it provides the
    /// Kafka client factory, the Redis connection and its health check. A host may provide the Redis connection and
    /// the <see cref="ActiveModel"/> itself instead (the load harness does): a model registered before this call is kept.
    /// </summary>
    public static IHostApplicationBuilder AddWorkerComponents(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddWorkersOptions(builder.Configuration);
        services.AddTransactionParser(builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);
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
        services.TryAddSingleton<WorkerHandlers>();
        if (!services.Any(d => d.ServiceType == typeof(WorkersReadinessCheck)))
        {
            services.AddSingleton<WorkersReadinessCheck>();
            services.AddHealthChecks().AddCheck<WorkersReadinessCheck>("workers", tags: [HealthTags.Ready]);
        }

        return builder;
    }

    /// <summary>
    /// The <c>Workers</c> section as <see cref="IOptions{WorkersOptions}"/>, validated at start-up: the one way every
    /// component (and the API, which reads the topic and group names) gets these settings.
    /// </summary>
    public static IServiceCollection AddWorkersOptions(this IServiceCollection services, IConfiguration configuration) =>
        services.AddValidatedOptions<WorkersOptions>(configuration, WorkersOptions.Section, WorkersOptionsRules.Problems);

    /// <summary>
    /// The one reader of transaction JSON (section <c>Validation</c>, validated at start-up) and the reader of sequenced
    /// records built on it, for every host that reads events.
    /// </summary>
    public static IServiceCollection AddTransactionParser(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TransactionParserOptions>(configuration, TransactionParserOptions.Section, options => options.Problems());
        services.TryAddSingleton(sp => new TransactionParser(sp.GetRequiredService<IOptions<TransactionParserOptions>>().Value));
        services.TryAddSingleton<SequencedTransactionParser>();
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
    private static WorkersOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<WorkersOptions>>().Value;

    private static WorkerHandlers Handlers(IServiceProvider sp) => sp.GetRequiredService<WorkerHandlers>();

    private static IProducer<string, byte[]> Producer(IServiceProvider sp) => sp.GetRequiredService<IProducer<string, byte[]>>();

    private static BatchWorker Worker(IServiceProvider sp, WorkerStage stage, IBatchHandler handler) =>
        ActivatorUtilities.CreateInstance<BatchWorker>(sp, stage, handler);
}
