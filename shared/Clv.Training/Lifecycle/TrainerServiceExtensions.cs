using Clv.Contracts.Validation;
using Clv.Hosting.Settings;
using Clv.ModelLifecycle;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clv.Training.Lifecycle;

/// <summary>The trainer's registrations: its services over the model store, and its side of the control-plane bus.</summary>
public static class TrainerServiceExtensions
{
    /// <summary>
    /// The trainer (sections <c>Trainer</c> and <c>Validation</c>): <see cref="TrainerService"/> publishing on the
    /// bus, and the optional schedule. The bus side is <see cref="AddTrainer(IBusRegistrationConfigurator, string)"/>.
    /// </summary>
    public static IServiceCollection AddTrainer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModelStore(configuration);
        services.AddValidatedOptions<TrainerOptions>(configuration, TrainerOptions.Section, TrainerOptionsRules.Problems);
        // The bounds the sequencer applies (section Validation): a retrain from a file trains on what the pipeline accepts.
        services.AddValidatedOptions<TransactionParserOptions>(configuration, TransactionParserOptions.Section, validation => validation.Problems());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RetrainAdmission>();
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<TrainerService>(provider, provider.GetRequiredService<IBus>()));
        services.AddHostedService<RetrainSchedule>();
        return services;
    }

    /// <summary>
    /// RetrainRequested on the trainers' shared queue (competing: one instance takes each request, one at a
    /// time), and the replicas' ModelActivated/ModelRejected on this instance's own temporary queue, for the log.
    /// </summary>
    public static IBusRegistrationConfigurator AddTrainer(this IBusRegistrationConfigurator bus, string instanceId)
    {
        bus.AddConsumer<RetrainRequestedConsumer>(consumer => consumer.ConcurrentMessageLimit = 1)
            .Endpoint(endpoint =>
            {
                endpoint.Name = "clv-trainer";
                endpoint.ConcurrentMessageLimit = 1;
            });
        bus.AddConsumer<ModelRolloutConsumer>()
            .Endpoint(endpoint =>
            {
                endpoint.Name = $"clv-trainer-rollout-{instanceId}";
                endpoint.Temporary = true;
            });
        return bus;
    }
}
