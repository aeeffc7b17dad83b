using Clv.TestInfrastructure;
using Confluent.Kafka;

namespace Clv.Cli.Tests;

/// <summary>Reads a topic back from the start of every partition, as the broker holds it.</summary>
internal static class TopicReader
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Exactly <paramref name="expected"/> messages, in partition order; then checks nothing more arrives.</summary>
    public static List<ConsumeResult<string, byte[]>> ReadAll(KafkaFixture kafka, string topic, int partitions, int expected)
    {
        using var consumer = kafka.CreateClientFactory().CreateConsumer($"reader-{Guid.NewGuid():N}", "test-reader");
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var messages = new List<ConsumeResult<string, byte[]>>();
        while (messages.Count < expected)
        {
            var result = consumer.Consume(Patience) ?? throw new TimeoutException($"read {messages.Count} of {expected} messages");
            messages.Add(result);
        }

        Assert.Null(consumer.Consume(TimeSpan.FromMilliseconds(300)));
        consumer.Close();
        return messages;
    }

    /// <summary>Messages the broker holds: high minus low watermark, summed over partitions (a moved low watermark means data was dropped).</summary>
    public static long CountHeld(KafkaFixture kafka, string topic, int partitions)
    {
        using var consumer = kafka.CreateClientFactory().CreateConsumer($"counter-{Guid.NewGuid():N}", "test-counter");
        long held = 0;
        for (var p = 0; p < partitions; p++)
        {
            var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), Patience);
            held += watermarks.High - watermarks.Low;
        }

        return held;
    }
}
