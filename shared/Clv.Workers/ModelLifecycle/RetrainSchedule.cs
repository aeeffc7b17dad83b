using Clv.Contracts.ModelLifecycle;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Clv.Workers.ModelLifecycle;

/// <summary>
/// Publishes RetrainRequested every <see cref="TrainerOptions.Schedule"/> (nothing when it is unset). It goes
/// through the bus rather than calling the trainer, so with several trainer instances one of them trains.
/// </summary>
public sealed class RetrainSchedule(IBus bus, IOptions<TrainerOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Schedule is not { } interval || interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await bus.Publish(new RetrainRequested("schedule", options.Value.Source, CalibrationEnd: null, time.GetUtcNow()), stoppingToken);
        }
    }
}
