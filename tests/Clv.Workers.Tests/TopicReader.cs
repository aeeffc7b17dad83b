using Clv.TestInfrastructure;
using Confluent.Kafka;

namespace Clv.Workers.Tests;

/// <summary>Reads a whole topic from its start (all partitions assigned, no group) and keeps what it read.</summary>
public sealed class TopicReader : IDisposable
{
    private readonly IConsumer<string, byte[]> _consumer;
    private readonly RecordingLoggerProvider? _log;

    public TopicReader(string bootstrapServers, string topic, int partitions, RecordingLoggerProvider? log = null)
    {
        _log = log;
        _consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        var assignment = new List<TopicPartitionOffset>();
        for (var p = 0; p < partitions; p++)
        {
            assignment.Add(new TopicPartitionOffset(topic, p, Offset.Beginning));
        }

        _consumer.Assign(assignment);
    }

    public List<ConsumeResult<string, byte[]>> Messages { get; } = [];

    /// <summary>Reads until <paramref name="done"/> holds for what was read so far; fails with a description after the timeout.</summary>
    public async Task<List<ConsumeResult<string, byte[]>>> ReadUntilAsync(Func<List<ConsumeResult<string, byte[]>>, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        await Task.Run(() =>
        {
            while (!done(Messages))
            {
                if (DateTime.UtcNow > deadline)
                {
                    var logged = _log is null ? string.Empty : string.Join(Environment.NewLine, _log.Lines.TakeLast(30));
                    throw new TimeoutException($"Timed out after {timeout} waiting for {what}; read {Messages.Count} messages. The workers logged:{Environment.NewLine}{logged}");
                }

                var result = _consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is not null && !result.IsPartitionEOF)
                {
                    Messages.Add(result);
                }
            }
        });
        return Messages;
    }

    /// <summary>Reads whatever arrives within <paramref name="quiet"/> of silence (for asserting that nothing more comes).</summary>
    public async Task DrainAsync(TimeSpan quiet) =>
        await Task.Run(() =>
        {
            while (_consumer.Consume(quiet) is { } result)
            {
                if (!result.IsPartitionEOF)
                {
                    Messages.Add(result);
                }
            }
        });

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
