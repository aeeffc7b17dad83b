using System.Threading.Channels;
using Clv.Hosting.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Clv.Api.Feeds;

/// <summary>
/// Follows one topic for this replica (its own consumer group, reading from the start of retention, never
/// committing: replicas share no offsets), keeps the last <see cref="ApiOptions.FeedCapacity"/> messages and
/// hands every new one to the live subscribers (server-sent event streams, the dashboard's score board).
/// </summary>
public sealed class TopicFeed(string topic, KafkaClientFactory kafka, IOptions<ApiOptions> options, ILogger<TopicFeed> logger) : BackgroundService
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly int _capacity = Math.Max(1, options.Value.FeedCapacity);
    private readonly LinkedList<FeedEntry> _recent = new();
    private readonly List<Channel<FeedEntry>> _subscribers = [];
    private readonly Lock _lock = new();
    private long _received;
    private readonly Dictionary<int, long> _lagByPartition = [];
    private long _lag;

    /// <summary>Messages received since start.</summary>
    public long MessageCount => Interlocked.Read(ref _received);

    /// <summary>Messages on the topic this replica has not read yet (its own lag, as of the last poll).</summary>
    public long Lag => Interlocked.Read(ref _lag);

    /// <summary>Called for every message, on the consuming thread, before subscribers see it.</summary>
    public event Action<FeedEntry>? MessageReceived;

    /// <summary>The kept messages, oldest first.</summary>
    public FeedEntry[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _recent];
        }
    }

    /// <summary>Kept messages a new subscriber (no <c>Last-Event-ID</c>) gets first: enough for a page to fill its feed.</summary>
    public const int InitialBacklog = 200;

    /// <summary>
    /// A live subscription that first yields the kept messages after <paramref name="lastEventId"/> (all kept
    /// ones when that id is no longer kept; the last <see cref="InitialBacklog"/> when it is null), then every
    /// new message. A subscriber that falls 1,000 messages behind loses the oldest: the ids show the gap.
    /// </summary>
    public async IAsyncEnumerable<FeedEntry> SubscribeAsync(string? lastEventId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        var channel = Channel.CreateBounded<FeedEntry>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        FeedEntry[] backlog;
        lock (_lock)
        {
            backlog = After(lastEventId);
            _subscribers.Add(channel);
        }

        try
        {
            foreach (var entry in backlog)
            {
                yield return entry;
            }

            await foreach (var entry in channel.Reader.ReadAllAsync(cancellation).ConfigureAwait(false))
            {
                yield return entry;
            }
        }
        finally
        {
            lock (_lock)
            {
                _subscribers.Remove(channel);
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Consume blocks: a thread of its own, not the thread pool.
        Task.Factory.StartNew(() => Consume(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Consume(CancellationToken stoppingToken)
    {
        var group = $"{options.Value.GroupIdPrefix}-{Environment.MachineName}-{Environment.ProcessId}-{topic}";
        using var consumer = kafka.CreateConsumer(group, $"clv-api-{topic}");
        consumer.Subscribe(topic);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<string, byte[]>? result;
                try
                {
                    result = consumer.Consume(PollTimeout);
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    // A topic not created yet, a broker away: the feed waits, lookups go on meanwhile.
                    logger.LogWarning("The {Topic} feed cannot read yet: {Reason}", topic, e.Error.Reason);
                    stoppingToken.WaitHandle.WaitOne(RetryDelay);
                    continue;
                }

                if (result is null || result.IsPartitionEOF)
                {
                    continue;
                }

                Add(new FeedEntry($"{result.Partition.Value}-{result.Offset.Value}", result.Message.Key ?? string.Empty, result.Message.Value ?? []));
                MeasureLag(consumer, result.TopicPartition);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (KafkaException e)
        {
            logger.LogError(e, "The {Topic} feed stopped", topic);
            throw;
        }
        finally
        {
            consumer.Close();
        }
    }

    private void Add(FeedEntry entry)
    {
        MessageReceived?.Invoke(entry);
        lock (_lock)
        {
            _recent.AddLast(entry);
            if (_recent.Count > _capacity)
            {
                _recent.RemoveFirst();
            }

            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(entry);
            }
        }

        Interlocked.Increment(ref _received);
    }

    // From the client's cached watermarks: no broker round trip per message.
    private void MeasureLag(IConsumer<string, byte[]> consumer, TopicPartition partition)
    {
        var marks = consumer.GetWatermarkOffsets(partition);
        var position = consumer.Position(partition);
        if (marks.High.Value >= 0 && position.Value >= 0)
        {
            var lag = Math.Max(0, marks.High.Value - position.Value);
            _lagByPartition.TryGetValue(partition.Partition.Value, out var previous);
            _lagByPartition[partition.Partition.Value] = lag;
            Interlocked.Add(ref _lag, lag - previous);
        }
    }

    private FeedEntry[] After(string? lastEventId)
    {
        if (lastEventId is null)
        {
            return [.. _recent.Skip(Math.Max(0, _recent.Count - InitialBacklog))];
        }

        var after = new List<FeedEntry>();
        for (var node = _recent.Last; node is not null; node = node.Previous)
        {
            if (node.Value.Id == lastEventId)
            {
                after.Reverse();
                return [.. after];
            }

            after.Add(node.Value);
        }

        return [.. _recent];
    }
}
