using Clv.Hosting.Kafka;
using Clv.Workers.Faults;
using Clv.Workers.Health;
using Clv.Workers.Kafka;
using Clv.Workers.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Clv.Workers.Pipeline;

/// <summary>
/// Hosts one <see cref="BatchConsumerLoop"/> on its own thread. Stopping (SIGTERM) cancels the loop, which
/// finishes and commits the batch in hand and closes the consumer; a fatal error faults the worker, and the
/// host stops (its offsets stay uncommitted, so whoever takes the partitions replays them).
/// </summary>
public sealed class BatchWorker(
    WorkerStage stage,
    IBatchHandler handler,
    KafkaClientFactory kafka,
    WorkersOptions options,
    IFaultInjector faults,
    WorkerReadiness readiness,
    ILogger<BatchWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        readiness.Expect(stage.Name);
        var loop = new BatchConsumerLoop(
            configure => kafka.CreateConsumer(stage.GroupId, $"{stage.Name}-{Environment.MachineName}", configure),
            stage.Topic,
            stage.Name,
            handler,
            options,
            faults,
            readiness,
            logger);
        return Task.Factory.StartNew(() => loop.Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}
