using Clv.Contracts.ModelLifecycle;
using MassTransit;

namespace Clv.Training.Lifecycle;

/// <summary>The trainer's command handler; trainer instances compete on one queue, so each request trains once.</summary>
public sealed class RetrainRequestedConsumer(TrainerService trainer) : IConsumer<RetrainRequested>
{
    public Task Consume(ConsumeContext<RetrainRequested> context) => trainer.RetrainAsync(context.Message, context.CancellationToken);
}
