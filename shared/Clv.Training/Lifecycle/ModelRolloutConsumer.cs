using Clv.Contracts.ModelLifecycle;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Clv.Training.Lifecycle;

/// <summary>Logs each replica's answer to a publication or rollback, so the trainer's log shows how a rollout went.</summary>
public sealed class ModelRolloutConsumer(ILogger<ModelRolloutConsumer> logger) : IConsumer<ModelActivated>, IConsumer<ModelRejected>
{
    public Task Consume(ConsumeContext<ModelActivated> context)
    {
        logger.LogInformation("Replica {Replica} activated {Version}", context.Message.ReplicaId, context.Message.ModelVersion);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<ModelRejected> context)
    {
        logger.LogWarning("Replica {Replica} rejected {Version}: {Reason}", context.Message.ReplicaId, context.Message.ModelVersion, context.Message.Reason);
        return Task.CompletedTask;
    }
}
