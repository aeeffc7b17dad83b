using Clv.TestInfrastructure;
using Confluent.Kafka;

namespace Clv.Hosting.Tests;

[Collection(nameof(KafkaCollection))]
public sealed class KafkaFixtureTests(KafkaFixture kafka)
{
    [Fact]
    public async Task Produce_ToCreatedTopic_IsConsumedBack()
    {
        var topic = $"smoke-{Guid.NewGuid():N}";
        await kafka.CreateTopicAsync(topic, 3);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        await producer.ProduceAsync(topic, new Message<string, string> { Key = "c1", Value = "hello" });

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = "smoke",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = 6000,
            MaxPollIntervalMs = 10000,
        }).Build();
        consumer.Subscribe(topic);
        var result = consumer.Consume(TimeSpan.FromSeconds(30));
        consumer.Close();

        Assert.Equal("hello", result?.Message.Value);
    }
}
