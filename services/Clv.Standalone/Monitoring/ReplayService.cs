using Clv.Development.Replay;
using Clv.Contracts;
using Clv.Contracts.Transactions;
using Clv.Hosting.Kafka;
using Clv.ModelLifecycle;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Clv.Standalone.Monitoring;

/// <summary>
/// Replays the data file once onto <c>transactions</c> with the clv tool's replayer, as soon as the monitor
/// watches the outputs and a model is active (before that the scorer could only fail its batches).
/// </summary>
public sealed class ReplayService(
    IReadOnlyList<TransactionEvent> events,
    double speed,
    KafkaClientFactory kafka,
    PipelineMonitor monitor,
    ActiveModel activeModel,
    ReplayProgress progress,
    ILogger<ReplayService> logger) : BackgroundService
{
    private static readonly TimeSpan ModelPoll = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await monitor.Watching.WaitAsync(stoppingToken);
        while (!activeModel.IsLoaded)
        {
            await Task.Delay(ModelPoll, stoppingToken);
        }
        progress.Starting(events.Count);
        using var producer = kafka.CreateProducer("clv-standalone-replay");
        var result = await new TransactionReplayer(producer, Topics.Transactions, speed).PublishAsync(events, progress.Advanced, stoppingToken);
        if (result.Failed > 0)
        {
            logger.LogError("Replay: {Failed} events were not acknowledged by Kafka, first error {Error}", result.Failed, result.FirstError);
        }
        progress.Finish();
    }
}
