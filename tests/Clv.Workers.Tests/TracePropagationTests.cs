using Clv.ModelLifecycle;
using System.Diagnostics;
using System.Text;
using Clv.Contracts.Json;
using Clv.Hosting.Telemetry;
using Clv.TestInfrastructure;
using Confluent.Kafka;

namespace Clv.Workers.Tests;

[Collection(nameof(WorkersCollection))]
public sealed class TracePropagationTests(KafkaFixture kafka, RedisFixture redis)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Update_ContinuesTheTraceOfItsTransaction(bool fused)
    {
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 1);
        await scenario.CreateTopicsAsync();
        var transaction = TestEvents.Generate(scenario.Prefix, customers: 1, maxEvents: 1, seed: 5)[0];
        var traceId = ActivityTraceId.CreateRandom();
        var traceParent = $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01";
        await scenario.StartAsync(fused, new ActiveModel(TestModels.Create()));
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = scenario.BootstrapServers }).Build())
        {
            await producer.ProduceAsync(scenario.TransactionsTopic, new Message<string, byte[]>
            {
                Key = transaction.CustomerId,
                Value = ClvJson.Serialize(transaction),
                Headers = new Headers { { KafkaTraceContext.TraceParentHeader, Encoding.ASCII.GetBytes(traceParent) } },
            });
        }

        using var reader = scenario.Reader(scenario.UpdatesTopic);
        var update = (await reader.ReadUntilAsync(m => m.Count >= 1, TimeSpan.FromSeconds(60), "the update"))[0];

        Assert.Equal(traceId, KafkaTraceContext.Extract(update.Message.Headers).TraceId);
    }
}
