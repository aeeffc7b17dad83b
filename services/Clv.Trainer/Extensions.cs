using Clv.Hosting;
using Clv.Training.Lifecycle;

namespace Clv.Trainer;

/// <summary>
/// This service's parts: the trainer (RetrainRequested from the shared <c>clv-trainer</c> queue, the optional
/// schedule, the replicas' answers logged) over the model store in Redis and the control-plane bus.
/// </summary>
public static class Extensions
{
    public static IHostApplicationBuilder AddTrainer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddTrainer(builder.Configuration);
        builder.Services.AddClvBus(builder.Configuration, bus => bus.AddTrainer($"{Environment.MachineName}-{Environment.ProcessId}"));
        return builder;
    }
}
