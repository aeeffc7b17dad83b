using System.Text;
using Clv.TestInfrastructure;
using Confluent.Kafka;

namespace Clv.Hosting.Tests;

[Collection(nameof(KafkaCollection))]
public sealed class KafkaConsumerGroupTests(KafkaFixture kafka)
{
    private const int Partitions = 3;
    private const int Messages = 60;
    private const int ProcessedBeforeRestart = 25;
    private static readonly TimeSpan ConsumeLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Consumer_RestartedAfterCommit_ResumesAtCommittedOffsetWithNothingLostOrRepeated()
    {
        var topic = $"group-resume-{Guid.NewGuid():N}";
        var group = $"group-{Guid.NewGuid():N}";
        await kafka.CreateTopicAsync(topic, Partitions);
        var factory = kafka.CreateClientFactory();
        using (var producer = factory.CreateProducer("test-producer"))
        {
            for (var i = 0; i < Messages; i++)
            {
                await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = $"customer-{i % 7}", Value = Encoding.UTF8.GetBytes(i.ToString()) });
            }
        }

        // First run: process some events, store their offsets, commit, close, as a worker shutting down would.
        var firstRun = new List<int>();
        using (var consumer = factory.CreateConsumer(group, "first-run"))
        {
            consumer.Subscribe(topic);
            while (firstRun.Count < ProcessedBeforeRestart)
            {
                var result = consumer.Consume(ConsumeLimit) ?? throw new TimeoutException("first run received nothing");
                firstRun.Add(ValueOf(result));
                consumer.StoreOffset(result);
            }
            consumer.Commit();
            consumer.Close();
        }

        // Second run in the same group: everything after the committed offsets, once.
        var secondRun = new List<int>();
        using (var consumer = factory.CreateConsumer(group, "second-run"))
        {
            consumer.Subscribe(topic);
            while (firstRun.Count + secondRun.Count < Messages)
            {
                var result = consumer.Consume(ConsumeLimit) ?? throw new TimeoutException($"second run stopped after {secondRun.Count} events");
                secondRun.Add(ValueOf(result));
                consumer.StoreOffset(result);
            }
            // Anything still arriving now would be a repeat.
            var extra = consumer.Consume(TimeSpan.FromMilliseconds(500));
            Assert.Null(extra);
            consumer.Close();
        }

        Assert.Empty(firstRun.Intersect(secondRun));
        Assert.Equal(Enumerable.Range(0, Messages), firstRun.Concat(secondRun).Order());
    }

    private static int ValueOf(ConsumeResult<string, byte[]> result) => int.Parse(Encoding.UTF8.GetString(result.Message.Value));
}
