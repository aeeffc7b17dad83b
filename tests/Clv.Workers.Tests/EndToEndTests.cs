using Clv.Contracts.Json;
using Clv.Contracts.Scores;
using Clv.Contracts.Transactions;
using Clv.Contracts.Validation;
using Clv.Model;
using Clv.ModelLifecycle;
using Clv.TestInfrastructure;
using Clv.Workers.Kafka;
using System.Text;

namespace Clv.Workers.Tests;

[Collection(nameof(WorkersCollection))]
public sealed class EndToEndTests(KafkaFixture kafka, RedisFixture redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryEvent_GetsTheUpdateTheReferencePredicts(bool fused)
    {
        var model = TestModels.Create();

        var (histories, updates) = await ScoreAsync(kafka, redis, fused, model);

        Expect.NoDifference(ScoreOracle.FirstMismatch(model, histories, updates));
    }

    [Fact]
    public async Task OneCorruptedWeightInTheScorersModel_PublishesScoresTheReferenceRejects()
    {
        var model = TestModels.Create();
        var scorers = TestModels.Create();
        TestModels.CorruptOneWeight(scorers, delta: 0.25f);

        var (histories, updates) = await ScoreAsync(kafka, redis, fused: true, scorers);

        var mismatch = ScoreOracle.FirstMismatch(model, histories, updates);
        Assert.NotNull(mismatch);
        Assert.Contains("reference", mismatch);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PoisonMessage_GoesToTheDeadLetterTopic_AndThePartitionKeepsFlowing(bool fused)
    {
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 1);
        await scenario.CreateTopicsAsync();
        var model = TestModels.Create();
        var events = TestEvents.Generate(scenario.Prefix, customers: 3, maxEvents: 3, seed: 2);
        await scenario.StartAsync(fused, new ActiveModel(model));
        await scenario.ProduceRawAsync("poisoned", Encoding.UTF8.GetBytes("{\"event_id\": 42"));
        await scenario.ProduceAsync(events);

        using var dlq = scenario.Reader(scenario.DeadLetterTopic);
        var dead = await dlq.ReadUntilAsync(m => m.Count >= 1, Timeout, "the dead letter");
        using var updates = scenario.Reader(scenario.UpdatesTopic);
        var scored = await updates.ReadUntilAsync(m => ScoreOracle.DistinctCount(m) >= events.Count, Timeout, "updates after the poison message");

        var letter = Assert.Single(dead);
        Assert.Equal("poisoned", letter.Message.Key);
        Assert.True(letter.Message.Headers.TryGetLastBytes(DeadLetters.ReasonHeader, out var reason));
        Assert.Equal(nameof(RejectionReason.InvalidJson), Encoding.UTF8.GetString(reason));
        Assert.True(letter.Message.Headers.TryGetLastBytes(DeadLetters.OffsetHeader, out var offset));
        Assert.Equal("0", Encoding.UTF8.GetString(offset));
        Assert.Equal(events.Count, ScoreOracle.DistinctCount(scored));
    }

    /// <summary>Drives 25 generated customers' events through the pipeline scored by <paramref name="scorersModel"/>; returns their histories and the updates.</summary>
    internal static async Task<(Dictionary<string, List<TransactionEvent>> Histories, List<ClvUpdate> Updates)> ScoreAsync(
        KafkaFixture kafka, RedisFixture redis, bool fused, ScoringModel scorersModel, int seed = 1)
    {
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString);
        await scenario.CreateTopicsAsync();
        var events = TestEvents.Generate(scenario.Prefix, customers: 25, maxEvents: 8, seed: seed);
        await scenario.StartAsync(fused, new ActiveModel(scorersModel));
        await scenario.ProduceAsync(events);

        using var reader = scenario.Reader(scenario.UpdatesTopic);
        var messages = await reader.ReadUntilAsync(m => ScoreOracle.DistinctCount(m) >= events.Count, Timeout, $"{events.Count} updates");
        return (TestEvents.ByCustomer(events), ScoreOracle.Updates(messages));
    }
}
