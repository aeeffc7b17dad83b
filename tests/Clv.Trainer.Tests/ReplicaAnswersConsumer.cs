using Clv.Contracts.ModelLifecycle;
using MassTransit;

namespace Clv.Trainer.Tests;

/// <summary>Plays the operator: collects what the replicas answer.</summary>
public sealed class ReplicaAnswersConsumer(ReplicaAnswers answers) : IConsumer<ModelActivated>, IConsumer<ModelRejected>
{
    public Task Consume(ConsumeContext<ModelActivated> context)
    {
        answers.Add(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<ModelRejected> context)
    {
        answers.Add(context.Message);
        return Task.CompletedTask;
    }
}
