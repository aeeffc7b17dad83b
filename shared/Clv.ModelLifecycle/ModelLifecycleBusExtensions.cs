using MassTransit;

namespace Clv.ModelLifecycle;

/// <summary>Control-plane registrations for <c>AddClvBus</c>: the scorer replica's model control.</summary>
public static class ModelLifecycleBusExtensions
{
    /// <summary>
    /// ModelPublished and RollbackRequested on a queue of this replica's own (fan-out: every replica gets
    /// every message, unlike a shared competing queue). The queue is temporary (auto-deleted when the
    /// replica goes): a replica that starts later reads the store's active version instead. One message
    /// at a time, so model changes apply in the order they were sent.
    /// </summary>
    public static IBusRegistrationConfigurator AddModelActivation(this IBusRegistrationConfigurator bus, string replicaId)
    {
        bus.AddConsumer<ModelControlConsumer>(consumer => consumer.ConcurrentMessageLimit = 1)
            .Endpoint(endpoint =>
            {
                endpoint.Name = $"clv-model-control-{replicaId}";
                endpoint.Temporary = true;
                endpoint.ConcurrentMessageLimit = 1;
            });
        return bus;
    }
}
