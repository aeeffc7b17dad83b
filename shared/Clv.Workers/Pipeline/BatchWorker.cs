using Clv.Hosting.Kafka;
using Clv.ModelLifecycle;
using Clv.Workers.Faults;
using Clv.Workers.Health;
using Clv.Workers.Kafka;
using Clv.Workers.Options;
using Clv.Workers.Positions;
using Clv.Workers.Redis;
using Clv.Workers.Retries;
using Clv.Workers.Scoring;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Clv.Workers.Pipeline;

/// <summary>
/// Hosts one <see cref="BatchConsumerLoop"/> on its own thread. A stage that scores waits for an active model
/// before it joins its consumer group (readiness says so), so nothing is consumed that could not be scored.
/// Stopping (SIGTERM) cancels the loop, which finishes and commits the batch in hand and closes the consumer; a
/// fatal error faults the worker, and the host stops (its offsets stay uncommitted, so whoever takes the
/// partitions replays them).
/// </summary>
public sealed class BatchWorker(
    WorkerStage stage,
    IBatchHandler handler,
    KafkaClientFactory kafka,
    IOptions<WorkersOptions> options,
    TimeProvider clock,
    IFaultInjector faults,
    WorkerReadiness readiness,
    IConnectionMultiplexer redis,
    ActiveModel model,
    RedisIncarnation incarnation,
    ILogger<BatchWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        readiness.Expect(stage.Name);
        if (stage.NeedsModel && !model.IsLoaded)
        {
            readiness.Blocked(stage.Name, "waiting for a model to be activated (Workers:ModelPath, or a ModelPublished from the trainer)");
            logger.LogWarning("The {Stage} stage waits for a model before it consumes {Topic}", stage.Name, stage.Topic);
            await model.WhenLoaded.WaitAsync(stoppingToken).ConfigureAwait(false);
            readiness.Unblocked(stage.Name);
        }

        try
        {
            await WorkerScripts.LoadAllAsync(redis).ConfigureAwait(false);
        }
        catch (Exception error) when (ErrorClassifier.IsRetriable(error))
        {
            // Not fatal: a call that finds its script missing loads it and retries its batch.
            logger.LogWarning("Could not preload the Lua scripts ({Error}); they load on first use", error.Message);
        }

        var loop = new BatchConsumerLoop(
            configure => kafka.CreateConsumer(stage.GroupId, $"{stage.Name}-{Environment.MachineName}", configure),
            stage.Topic,
            stage.Name,
            handler,
            options.Value.Batch,
            new SweepSchedule(options.Value.Recency, clock),
            new RetryBackoff(options.Value.Retry),
            faults,
            readiness,
            new PartitionPositions(redis, incarnation, stage.GroupId, stage.Topic, logger),
            logger);
        await Task.Factory.StartNew(() => loop.Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
    }
}
