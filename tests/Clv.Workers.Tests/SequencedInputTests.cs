using System.Text;
using System.Text.Json.Nodes;
using Clv.Contracts.Json;
using Clv.Contracts.Scores;
using Clv.Contracts.Transactions;
using Clv.Contracts.Validation;
using Clv.ModelLifecycle;
using Clv.TestInfrastructure;
using Clv.Workers.Kafka;
using Confluent.Kafka;

namespace Clv.Workers.Tests;

/// <summary>
/// The split scorer reads <c>transactions.sequenced</c> with the one transaction reader (issue 10: one reader of
/// events): a record whose transaction that reader refuses is dead-lettered with the reader's reason and field,
/// and the partition moves on, instead of a half-read event reaching the scorer.
/// </summary>
[Collection(nameof(WorkersCollection))]
public sealed class SequencedInputTests(KafkaFixture kafka, RedisFixture redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ASequencedRecordWhoseTransactionIsRefused_IsDeadLetteredWithTheReason_AndTheNextEventIsScored()
    {
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 1);
        await scenario.CreateTopicsAsync();
        var events = TestEvents.Generate(scenario.Prefix, customers: 1, maxEvents: 1, seed: 11);
        await scenario.StartAsync(fused: false, new ActiveModel(TestModels.Create()));
        var record = JsonNode.Parse(ClvJson.Serialize(new SequencedTransaction(events[0], 1, 0, 0)))!.AsObject();

        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = scenario.BootstrapServers }).Build())
        {
            await producer.ProduceAsync(scenario.SequencedTopic, Raw(events[0].CustomerId, Changed(record, t => t.Remove("customer_id"))));
            await producer.ProduceAsync(scenario.SequencedTopic, Raw(events[0].CustomerId, Changed(record, t => t["amount"] = "NaN")));
        }

        await scenario.ProduceAsync(events);

        using var dlq = scenario.Reader(scenario.DeadLetterTopic);
        var dead = await dlq.ReadUntilAsync(m => m.Count >= 2, Timeout, "the two refused records' dead letters");
        using var updates = scenario.Reader(scenario.UpdatesTopic);
        var scored = await updates.ReadUntilAsync(m => ScoreOracle.Updates(m).Any(u => u.Cause == ScoreCause.Event), Timeout, "the valid event's update");

        Assert.Equal(
            [(nameof(RejectionReason.MissingField), "transaction.customer_id"), (nameof(RejectionReason.AmountNotFinite), "transaction.amount")],
            dead.Select(m => (Header(m, DeadLetters.ReasonHeader), FieldOf(Header(m, DeadLetters.MessageHeader)))));
        Assert.All(dead, m => Assert.Equal(scenario.SequencedTopic, Header(m, DeadLetters.TopicHeader)));
        Assert.Equal(events[0].CustomerId, Assert.Single(ScoreOracle.Updates(scored), u => u.Cause == ScoreCause.Event).CustomerId);
    }

    private static byte[] Changed(JsonObject record, Action<JsonObject> change)
    {
        var copy = record.DeepClone().AsObject();
        change(copy["transaction"]!.AsObject());
        return Encoding.UTF8.GetBytes(copy.ToJsonString());
    }

    private static Message<string, byte[]> Raw(string key, byte[] value) => new() { Key = key, Value = value };

    // The message header is the rejection as text: "Reason (field): message".
    private static string FieldOf(string message) =>
        message.IndexOf('(') is var open and >= 0 && message.IndexOf(')', open) is var close and > 0 ? message[(open + 1)..close] : message;

    private static string Header(ConsumeResult<string, byte[]> message, string name) =>
        message.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : $"(no {name})";
}
