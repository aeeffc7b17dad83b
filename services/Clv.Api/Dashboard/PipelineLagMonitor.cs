using Clv.Hosting.Kafka;
using Clv.Workers.Options;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Clv.Api.Dashboard;

/// <summary>
/// Measures the scoring pipeline's consumer lag every few seconds (the sequencer's and the scorer's groups on
/// their input topics, or the fused scorer's on <c>transactions</c>) for the dashboard; null until it can.
/// </summary>
public sealed class PipelineLagMonitor(IOptions<KafkaOptions> kafka, IOptions<WorkersOptions> options, ILogger<PipelineLagMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    private long _lag = -1;

    public long? Lag => Interlocked.Read(ref _lag) is >= 0 and var lag ? lag : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = options.Value;
        IReadOnlyList<(string, string)> groups = workers.Fused
            ? [(workers.ScorerGroupId, workers.Topics.Transactions)]
            : [(workers.SequencerGroupId, workers.Topics.Transactions), (workers.ScorerGroupId, workers.Topics.Sequenced)];
        using var probe = new ConsumerLagProbe(kafka.Value, groups);
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                Interlocked.Exchange(ref _lag, await probe.MeasureAsync().ConfigureAwait(false));
            }
            catch (KafkaException e)
            {
                // Topics not created yet, or a broker away: the dashboard shows "unknown" until the next try.
                logger.LogDebug(e, "Consumer lag not measured");
                Interlocked.Exchange(ref _lag, -1);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
