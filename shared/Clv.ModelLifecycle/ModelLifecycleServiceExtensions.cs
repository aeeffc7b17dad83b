using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Clv.ModelLifecycle;

/// <summary>Service registrations of the model lifecycle; the shared Redis connection comes from <c>AddClvDefaults</c>.</summary>
public static class ModelLifecycleServiceExtensions
{
    /// <summary>The model store (section <c>Clv:ModelStore</c>).</summary>
    public static IServiceCollection AddModelStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModelStoreOptions>().Bind(configuration.GetSection(ModelStoreOptions.SectionName));
        services.TryAddSingleton(provider => new ModelStore(
            provider.GetRequiredService<IConnectionMultiplexer>(),
            provider.GetRequiredService<IOptions<ModelStoreOptions>>().Value));
        return services;
    }

    /// <summary>
    /// A scorer replica's activation (section <c>Clv:ModelActivation</c>): verifier, activator, and loading
    /// the store's active version at start-up. The bus side is <see cref="ModelLifecycleBusExtensions.AddModelActivation"/>.
    /// </summary>
    public static IServiceCollection AddModelActivation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModelStore(configuration);
        services.AddOptions<ModelActivationOptions>().Bind(configuration.GetSection(ModelActivationOptions.SectionName));
        services.TryAddSingleton<ActiveModel>();
        services.TryAddSingleton<ModelVerifier>();
        services.TryAddSingleton<ModelActivator>();
        services.AddHostedService<StoredModelStartup>();
        return services;
    }

    /// <summary>The replica id the bus endpoint is named after, as <see cref="ModelActivationOptions"/> binds it.</summary>
    public static string ReplicaId(this IConfiguration configuration) =>
        configuration.GetSection(ModelActivationOptions.SectionName).Get<ModelActivationOptions>()?.ReplicaId
        ?? new ModelActivationOptions().ReplicaId;
}
