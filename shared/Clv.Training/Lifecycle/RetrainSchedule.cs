using Clv.Contracts.ModelLifecycle;
using Clv.ModelLifecycle;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clv.Training.Lifecycle;

/// <summary>
/// Publishes RetrainRequested at start-up when <see cref="TrainerOptions.TrainWhenStoreEmpty"/> is set and the store
/// has no active model, then every <see cref="TrainerOptions.Schedule"/> (nothing when it is unset). It goes
/// through the bus rather than calling the trainer, so with several trainer instances one of them trains. Every
/// request carries a deadline (<see cref="TrainerOptions.RequestTimeToLive"/>).
/// </summary>
public sealed class RetrainSchedule(
    IBus bus,
    ModelStore store,
    IOptions<TrainerOptions> options,
    TimeProvider time,
    ILogger<RetrainSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.TrainWhenStoreEmpty && await store.GetActiveVersionAsync() is null)
        {
            logger.LogInformation("The model store has no active model: requesting a first training on {Source}", options.Value.Source);
            await RequestAsync("startup", stoppingToken);
        }

        if (options.Value.Schedule is not { } interval || interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RequestAsync("schedule", stoppingToken);
        }
    }

    // The deadline travels in the message and as its time-to-live, so the broker drops it too when nobody took it in time.
    private Task RequestAsync(string requestedBy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ttl = options.Value.RequestTimeToLive;
        return bus.Publish(
            new RetrainRequested(requestedBy, options.Value.Source, CalibrationEnd: null, now, Deadline: now + ttl),
            context => context.TimeToLive = ttl,
            cancellationToken);
    }
}
