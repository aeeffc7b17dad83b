using Clv.Contracts.Json;
using Clv.Contracts.Scores;
using Confluent.Kafka;

namespace Clv.FaultInjection.Tests;

/// <summary>Reads <c>clv-updates</c> from the start (all partitions, no group) and counts the distinct event updates as they come.</summary>
public sealed class UpdateLog : IDisposable
{
    private readonly IConsumer<string, byte[]> _consumer;
    private readonly HashSet<(string Customer, long SeqNo)> _distinct = [];

    public UpdateLog(string bootstrapServers, string topic, int partitions)
    {
        _consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"oracle-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        _consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
    }

    /// <summary>Every update read, repeats included.</summary>
    public List<ClvUpdate> All { get; } = [];

    /// <summary>Distinct (customer, seq_no) among the event updates read so far.</summary>
    public int DistinctEvents => _distinct.Count;

    public async Task ReadUntilAsync(int distinctEvents, TimeSpan timeout, Func<string> describe) =>
        await Task.Run(() =>
        {
            var deadline = DateTime.UtcNow + timeout;
            while (_distinct.Count < distinctEvents)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Timed out after {timeout} with {_distinct.Count} of {distinctEvents} distinct event updates.{Environment.NewLine}{describe()}");
                }

                Read(TimeSpan.FromMilliseconds(100));
            }
        });

    /// <summary>Reads until nothing arrives for <paramref name="quiet"/>: repeats that a recovery published late are included.</summary>
    public async Task DrainAsync(TimeSpan quiet) =>
        await Task.Run(() =>
        {
            while (Read(quiet))
            {
            }
        });

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }

    private bool Read(TimeSpan wait)
    {
        var result = _consumer.Consume(wait);
        if (result is null || result.IsPartitionEOF)
        {
            return false;
        }

        var update = ClvJson.Deserialize<ClvUpdate>(result.Message.Value);
        All.Add(update);
        if (update.Cause == ScoreCause.Event)
        {
            _distinct.Add((update.CustomerId, update.SeqNo));
        }

        return true;
    }
}
