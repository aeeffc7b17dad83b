using Clv.Contracts.ModelLifecycle;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Clv.ModelLifecycle;

/// <summary>
/// A scorer replica's control-plane handler: every replica has its own queue (see
/// <see cref="ModelLifecycleBusExtensions.AddModelActivation"/>), so each one applies every publication and
/// rollback, and answers with ModelActivated or ModelRejected under its replica id.
/// </summary>
public sealed class ModelControlConsumer(ModelActivator activator, IOptions<ModelActivationOptions> options)
    : IConsumer<ModelPublished>, IConsumer<RollbackRequested>
{
    public async Task Consume(ConsumeContext<ModelPublished> context)
    {
        var outcome = await activator.ActivateAsync(context.Message.ModelVersion, context.Message.Sha256, context.CancellationToken);
        await AnswerAsync(context, outcome);
    }

    public async Task Consume(ConsumeContext<RollbackRequested> context)
    {
        var outcome = await activator.RollbackAsync(context.Message.ToVersion, context.CancellationToken);
        await AnswerAsync(context, outcome);
    }

    private Task AnswerAsync(ConsumeContext context, ActivationOutcome outcome)
    {
        var replica = options.Value.ReplicaId;
        return outcome.Activated
            ? context.Publish(new ModelActivated(outcome.Version, replica, DateTimeOffset.UtcNow))
            : context.Publish(new ModelRejected(outcome.Version, replica, outcome.Reason!, DateTimeOffset.UtcNow));
    }
}
