using Clv.Hosting.Settings;
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
    /// <summary>The model store (section <c>ModelStore</c>).</summary>
    public static IServiceCollection AddModelStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ModelStoreOptions>(configuration, ModelStoreOptions.Section, ModelLifecycleOptionsRules.Problems);
        services.TryAddSingleton(provider => new ModelStore(
            provider.GetRequiredService<IConnectionMultiplexer>(),
            provider.GetRequiredService<IOptions<ModelStoreOptions>>().Value));
        return services;
    }

    /// <summary>The replica id the bus endpoint is named after, as <see cref="ModelActivationOptions"/> binds it.</summary>
    public static string ReplicaId(this IConfiguration configuration) =>
        configuration.GetSection(ModelActivationOptions.Section).Get<ModelActivationOptions>()?.ReplicaId
        ?? new ModelActivationOptions().ReplicaId;
}
