using Clv.Hosting.Settings;
using Clv.Workers.Scoring;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Clv.Workers.ModelLifecycle;

/// <summary>Service registrations of the model lifecycle; the shared Redis connection comes from <c>AddClvDefaults</c>.</summary>
public static class ModelLifecycleServiceExtensions
{
    /// <summary>The model store (section <c>ModelStore</c>).</summary>
    public static IServiceCollection AddModelStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ModelStoreOptions>(configuration, ModelStoreOptions.Section, ModelLifecycleOptionsRules.Problems);
        services.TryAddSingleton(provider => new ModelStore(
            provider.GetRequiredService<IConnectionMultiplexer>(),
            provider.GetRequiredService<IOptions<ModelStoreOptions>>().Value));
        return services;
    }

    /// <summary>
    /// A scorer replica's activation (section <c>ModelActivation</c>): verifier, activator, and loading
    /// the store's active version at start-up; the <see cref="ActiveModel"/> is the workers' one, registered once
    /// whichever of this and the worker registrations runs first. The bus side is <see cref="ModelLifecycleBusExtensions.AddModelActivation"/>.
    /// </summary>
    public static IServiceCollection AddModelActivation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModelStore(configuration);
        services.AddValidatedOptions<ModelActivationOptions>(configuration, ModelActivationOptions.Section, ModelLifecycleOptionsRules.Problems);
        services.AddActiveModel(configuration);
        services.TryAddSingleton<ModelVerifier>();
        services.TryAddSingleton<ModelActivator>();
        services.AddHostedService<StoredModelStartup>();
        return services;
    }

    /// <summary>
    /// The trainer (section <c>Trainer</c>): <see cref="TrainerService"/> publishing on the bus, and the
    /// optional schedule. The bus side is <see cref="ModelLifecycleBusExtensions.AddTrainer"/>.
    /// </summary>
    public static IServiceCollection AddTrainer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModelStore(configuration);
        services.AddValidatedOptions<TrainerOptions>(configuration, TrainerOptions.Section, ModelLifecycleOptionsRules.Problems);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RetrainAdmission>();
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<TrainerService>(provider, provider.GetRequiredService<IBus>()));
        services.AddHostedService<RetrainSchedule>();
        return services;
    }

    /// <summary>The replica id the bus endpoint is named after, as <see cref="ModelActivationOptions"/> binds it.</summary>
    public static string ReplicaId(this IConfiguration configuration) =>
        configuration.GetSection(ModelActivationOptions.Section).Get<ModelActivationOptions>()?.ReplicaId
        ?? new ModelActivationOptions().ReplicaId;
}
