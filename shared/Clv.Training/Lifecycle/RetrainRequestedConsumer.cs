using Clv.Contracts.ModelLifecycle;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clv.Training.Lifecycle;

/// <summary>
/// The trainer's command handler; trainer instances compete on one queue, so each request trains once. Expired
/// and superseded requests are skipped (<see cref="RetrainAdmission"/>).
/// </summary>
public sealed class RetrainRequestedConsumer(
    TrainerService trainer,
    RetrainAdmission admission,
    IOptions<TrainerOptions> options,
    TimeProvider time,
    ILogger<RetrainRequestedConsumer> logger) : IConsumer<RetrainRequested>
{
    public Task Consume(ConsumeContext<RetrainRequested> context)
    {
        var request = context.Message;
        var source = string.IsNullOrWhiteSpace(request.Source) ? options.Value.Source : request.Source;
        if (admission.Admit(request, source, time.GetUtcNow()) is { } skipped)
        {
            logger.LogInformation("Skipped the retrain request of {RequestedBy} made at {RequestedAt:O}: {Reason}", request.RequestedBy, request.RequestedAt, skipped);
            return Task.CompletedTask;
        }

        return trainer.RetrainAsync(request, context.CancellationToken);
    }
}
