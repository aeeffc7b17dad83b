using Clv.Hosting.Settings;
using Clv.ModelLifecycle;
using Clv.Workers.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Clv.Workers;

/// <summary>
/// A scorer replica's side of the model lifecycle. It lives with the workers, not in Clv.ModelLifecycle, because
/// the model it swaps is the workers' <see cref="ActiveModel"/> and the window it checks is the workers' own.
/// </summary>
public static class ModelActivationExtensions
{
    /// <summary>
    /// A scorer replica's activation (section <c>ModelActivation</c>): verifier, activator, and loading
    /// the store's active version at start-up; the <see cref="ActiveModel"/> is the workers' one, registered once
    /// whichever of this and the worker registrations runs first. The bus side is <c>ModelLifecycleBusExtensions.AddModelActivation</c>.
    /// </summary>
    public static IServiceCollection AddModelActivation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModelStore(configuration);
        services.AddValidatedOptions<ModelActivationOptions>(configuration, ModelActivationOptions.Section, ModelLifecycleOptionsRules.Problems);
        services.AddActiveModel(configuration);
        // The verifier refuses a model trained for another window than the one the sequencer keeps, and probes the
        // horizons the scorer will ask for.
        services.TryAddSingleton(sp =>
        {
            var workers = sp.GetRequiredService<IOptions<WorkersOptions>>().Value;
            return new ModelVerifier(sp.GetRequiredService<ModelStore>(), workers.WindowSize, workers.HorizonDays, workers.ClvHorizonDays);
        });
        services.TryAddSingleton<ModelActivator>();
        services.AddHostedService<StoredModelStartup>();
        return services;
    }
}
