using Clv.ModelLifecycle;
using System.Security.Cryptography;
using System.Text;
using Clv.Contracts.Json;
using Clv.Contracts.Scores;
using Clv.Contracts.Validation;
using Clv.TestInfrastructure;
using Clv.Workers.Kafka;
using Clv.Workers.Redis;
using Clv.Hosting.Redis;
using Clv.Workers.Sequencing;
using Confluent.Kafka;

namespace Clv.Workers.Tests;

/// <summary>Every message ends applied, skipped as a repeat, or dead-lettered with its reason (issue 11, findings 1, 4 and 6).</summary>
[Collection(nameof(WorkersCollection))]
public sealed class DataPlaneTests(KafkaFixture kafka, RedisFixture redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnEventSentTwice_IsScoredOnce_AndTheSameIdWithAnotherBody_IsDeadLettered(bool fused)
    {
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 1);
        await scenario.CreateTopicsAsync();
        var events = TestEvents.Generate(scenario.Prefix, customers: 3, maxEvents: 4, seed: 5);
        await scenario.StartAsync(fused, new ActiveModel(TestModels.Create()));
        var repeated = events[0];

        await scenario.ProduceAsync(events);
        await scenario.ProduceAsync([repeated, repeated]);
        await scenario.ProduceAsync([repeated with { Amount = repeated.Amount + 100 }]);

        using var dlq = scenario.Reader(scenario.DeadLetterTopic);
        var dead = await dlq.ReadUntilAsync(m => m.Count >= 1, Timeout, "the conflicting repeat's dead letter");
        using var updates = scenario.Reader(scenario.UpdatesTopic);
        var scored = await updates.ReadUntilAsync(m => ScoreOracle.DistinctCount(m) >= events.Count, Timeout, "one update per distinct event");

        Assert.Equal(nameof(RejectionReason.ConflictingDuplicate), Header(Assert.Single(dead), DeadLetters.ReasonHeader));
        var eventUpdates = ScoreOracle.Updates(scored).Where(u => u.Cause == ScoreCause.Event).ToList();
        Assert.Equal(events.Count, eventUpdates.Count);
        var history = events.Count(e => e.CustomerId == repeated.CustomerId);
        var window = await CustomerWindowStore.ReadAsync(scenario.Redis.GetDatabase(), repeated.CustomerId);
        Assert.Equal(history, window!.LastSeqNo);
    }

    [Fact]
    public async Task AKeyThatIsNotTheBodysCustomer_AndAnEmptyKey_AreDeadLettered()
    {
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 1);
        await scenario.CreateTopicsAsync();
        var events = TestEvents.Generate(scenario.Prefix, customers: 2, maxEvents: 2, seed: 6);
        await scenario.StartAsync(fused: true, new ActiveModel(TestModels.Create()));

        await scenario.ProduceRawAsync("someone-else", ClvJson.Serialize(events[0]));
        await scenario.ProduceRawAsync("", ClvJson.Serialize(events[1]));
        await scenario.ProduceAsync(events);

        using var dlq = scenario.Reader(scenario.DeadLetterTopic);
        var dead = await dlq.ReadUntilAsync(m => m.Count >= 2, Timeout, "two dead letters");
        using var updates = scenario.Reader(scenario.UpdatesTopic);
        await updates.ReadUntilAsync(m => ScoreOracle.DistinctCount(m) >= events.Count, Timeout, "the valid events' updates");

        Assert.Equal(
            [nameof(RejectionReason.KeyMismatch), nameof(RejectionReason.MissingKey)],
            dead.Select(m => Header(m, DeadLetters.ReasonHeader)));
    }

    [Fact]
    public async Task AMessageTooLargeForTheDeadLetterTopic_IsRecordedTruncated_AndThePartitionMovesOn()
    {
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 1);
        await scenario.CreateTopicsAsync();
        var events = TestEvents.Generate(scenario.Prefix, customers: 2, maxEvents: 2, seed: 7);
        await scenario.StartAsync(fused: true, new ActiveModel(TestModels.Create()));
        var huge = new byte[2 * 1024 * 1024];
        Array.Fill(huge, (byte)'x');

        await scenario.ProduceRawAsync("huge", huge);
        await scenario.ProduceAsync(events);

        using var dlq = scenario.Reader(scenario.DeadLetterTopic);
        var letter = Assert.Single(await dlq.ReadUntilAsync(m => m.Count >= 1, Timeout, "the truncated dead letter"));
        using var updates = scenario.Reader(scenario.UpdatesTopic);
        await updates.ReadUntilAsync(m => ScoreOracle.DistinctCount(m) >= events.Count, Timeout, "updates after the huge message");

        Assert.Equal(nameof(RejectionReason.MessageTooLarge), Header(letter, DeadLetters.ReasonHeader));
        Assert.Equal(huge.Length.ToString(), Header(letter, DeadLetters.SizeHeader));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(huge)), Header(letter, DeadLetters.Sha256Header));
        Assert.Equal(huge[..DeadLetters.TruncatedPreviewBytes], letter.Message.Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ACustomersEventsOnMorePartitionsThanItsWindowNames_AreDeadLettered_AndThePartitionMovesOn(bool fused)
    {
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 1);
        await scenario.CreateTopicsAsync();
        var events = TestEvents.Generate(scenario.Prefix, customers: 3, maxEvents: 3, seed: 8);
        var spread = events[0].CustomerId;
        // The customer's events came before on 255 other partitions of the topic: partition 0 is its 256th.
        var db = scenario.Redis.GetDatabase();
        for (var partition = 1; partition <= CustomerWindowCodec.MaxPartitions; partition++)
        {
            var arguments = SequenceScript.Arguments(1);
            var record = new byte[SequenceScript.MaxEventSize];
            var length = CustomerWindowCodec.WriteEvent(record, events[0] with { EventId = $"elsewhere-{partition}" }, fingerprint: 0);
            SequenceScript.SetEvent(arguments, 0, offset: 0, record[..length]);
            await SequenceScript.ApplyAsync(db, spread, partition, capacity: 65, horizon: 65, arguments);
        }

        await scenario.StartAsync(fused, new ActiveModel(TestModels.Create()));
        await scenario.ProduceAsync(events);

        var refused = events.Count(e => e.CustomerId == spread);
        using var dlq = scenario.Reader(scenario.DeadLetterTopic);
        var dead = await dlq.ReadUntilAsync(m => m.Count >= refused, Timeout, "the spread customer's dead letters");
        using var updates = scenario.Reader(scenario.UpdatesTopic);
        var scored = await updates.ReadUntilAsync(m => ScoreOracle.DistinctCount(m) >= events.Count - refused, Timeout, "the other customers' updates");

        Assert.All(dead, m => Assert.Equal(nameof(RejectionReason.CustomerPartitionLimit), Header(m, DeadLetters.ReasonHeader)));
        Assert.All(dead, m => Assert.Equal(spread, m.Message.Key));
        Assert.DoesNotContain(ScoreOracle.Updates(scored), u => u.CustomerId == spread);
        Assert.Equal(CustomerWindowCodec.MaxPartitions, (await CustomerWindowStore.ReadAsync(db, spread))!.LastSeqNo);
    }

    private static string Header(ConsumeResult<string, byte[]> message, string name) =>
        message.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : $"(no {name})";
}
