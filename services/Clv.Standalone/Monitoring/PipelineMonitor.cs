using Clv.ModelLifecycle;
using System.Diagnostics;
using Clv.Api.Dashboard;
using Clv.Contracts;
using Clv.Contracts.Alerts;
using Clv.Contracts.Json;
using Clv.Contracts.Scores;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Clv.Standalone.Monitoring;

/// <summary>
/// Watches the pipeline from outside, as a downstream consumer would: reads <c>clv-updates</c>,
/// <c>churn-alerts</c> and <c>transactions.dlq</c> from the offsets they had at start (no consumer
/// group, nothing committed), and measures the workers' consumer lag once a second.
/// </summary>
public sealed class PipelineMonitor(
    string bootstrapServers,
    ReplayProgress replay,
    ActiveModel activeModel,
    ConsumerLagProbe lagProbe,
    DuplicateCount duplicates,
    ILogger<PipelineMonitor> logger) : BackgroundService
{
    private const int ShownEpisodes = 8;
    private const int ShownMovers = 8;
    private const int RecentMoves = 2048; // movers are ranked among this many latest changes
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LagInterval = TimeSpan.FromSeconds(1);

    // Times are measured from the start of the process, so "first update" includes start-up and training.
    private readonly DateTime _processStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();
    private TimeSpan? _firstUpdate;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _lastClv = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AlertEpisode> _episodes = new(StringComparer.Ordinal);
    private readonly ClvMove[] _moves = new ClvMove[RecentMoves];
    private long _moveCount;
    private long _updates;
    private long _eventsScored;
    private long _deadLettered;
    private long _alerts;
    private long _lag;
    private readonly TaskCompletionSource _watching = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the monitor is positioned on its topics, so nothing published after it is missed.</summary>
    public Task Watching => _watching.Task;

    /// <summary>True once the replay finished and every replayed event was scored, dead-lettered or skipped as a repeat.</summary>
    public bool Drained
    {
        get
        {
            var published = replay.Published;
            return replay.Finished && Interlocked.Read(ref _eventsScored) + Interlocked.Read(ref _deadLettered) + duplicates.Value >= published;
        }
    }

    public PipelineSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new PipelineSnapshot(
                Elapsed(),
                _firstUpdate,
                Stage(),
                replay.Published,
                replay.Total,
                _updates,
                _eventsScored,
                _deadLettered,
                _alerts,
                Interlocked.Read(ref _lag),
                activeModel.IsLoaded ? activeModel.Current.Version : null,
                Enum.GetValues<AlertSeverity>().ToDictionary(s => s, s => _episodes.Values.Count(e => e.Severity == s)),
                [.. _episodes.Values.OrderByDescending(e => e.ClvAtRisk).ThenBy(e => e.EpisodeId, StringComparer.Ordinal).Take(ShownEpisodes)],
                TopMovers());
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(
            Task.Factory.StartNew(() => Consume(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap(),
            MeasureLagAsync(stoppingToken));

    private Task Consume(CancellationToken stoppingToken)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "clv-standalone-monitor", // assign() only: the group is never joined or committed
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(PositionsAtEnd(consumer, [Topics.ClvUpdates, Topics.ChurnAlerts, Topics.DeadLetter]));
        _watching.TrySetResult();

        while (!stoppingToken.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            switch (result.Topic)
            {
                case Topics.ClvUpdates:
                    Observe(ClvJson.Deserialize<ClvUpdate>(result.Message.Value));
                    break;
                case Topics.ChurnAlerts:
                    Observe(ClvJson.Deserialize<ChurnAlert>(result.Message.Value));
                    break;
                default:
                    Interlocked.Increment(ref _deadLettered);
                    break;
            }
        }
        consumer.Close();
        return Task.CompletedTask;
    }

    private List<TopicPartitionOffset> PositionsAtEnd(IConsumer<Ignore, byte[]> consumer, string[] topics)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var positions = new List<TopicPartitionOffset>();
        foreach (var topic in topics)
        {
            foreach (var partition in admin.GetMetadata(topic, MetadataTimeout).Topics[0].Partitions)
            {
                var topicPartition = new TopicPartition(topic, partition.PartitionId);
                positions.Add(new TopicPartitionOffset(topicPartition, consumer.QueryWatermarkOffsets(topicPartition, MetadataTimeout).High));
            }
        }
        return positions;
    }

    private void Observe(ClvUpdate update)
    {
        lock (_gate)
        {
            _updates++;
            _firstUpdate ??= Elapsed();
            if (update.Cause == ScoreCause.Event)
            {
                Interlocked.Increment(ref _eventsScored);
            }
            if (_lastClv.TryGetValue(update.CustomerId, out var before))
            {
                _moves[_moveCount++ % RecentMoves] = new ClvMove(update.CustomerId, before, update.Clv, update.ChurnProbability);
            }
            _lastClv[update.CustomerId] = update.Clv;
        }
    }

    private void Observe(ChurnAlert alert)
    {
        lock (_gate)
        {
            _alerts++;
            _episodes[alert.EpisodeId] = _episodes.TryGetValue(alert.EpisodeId, out var episode) ? episode.With(alert) : AlertEpisode.Start(alert);
        }
    }

    private async Task MeasureLagAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LagInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                Interlocked.Exchange(ref _lag, await lagProbe.MeasureAsync().ConfigureAwait(false));
            }
            catch (KafkaException ex)
            {
                logger.LogWarning("Consumer lag not measured: {Reason}", ex.Error.Reason);
            }
        }
    }

    private TimeSpan Elapsed() => DateTime.UtcNow - _processStart;

    private string Stage()
    {
        if (!activeModel.IsLoaded)
        {
            return "training the initial model";
        }
        if (!replay.Finished)
        {
            return replay.Total == 0 ? "starting the replay" : "replaying";
        }
        return _eventsScored + _deadLettered >= replay.Published ? "drained; recency sweeps continue" : "scoring the rest";
    }

    // Caller holds _gate.
    private ClvMove[] TopMovers()
    {
        var filled = (int)Math.Min(_moveCount, RecentMoves);
        var ranked = _moves.AsSpan(0, filled).ToArray();
        Array.Sort(ranked, static (a, b) => Math.Abs(b.Delta).CompareTo(Math.Abs(a.Delta)));
        return ranked.Length <= ShownMovers ? ranked : ranked[..ShownMovers];
    }
}
