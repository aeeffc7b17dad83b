using Clv.Hosting.Redis;
using Clv.ModelLifecycle;
using System.Text;
using Clv.Contracts.Transactions;
using Clv.TestInfrastructure;
using Clv.TestInfrastructure.Reference;
using Clv.Workers.Redis;
using Clv.Workers.State;
using StackExchange.Redis;

namespace Clv.Workers.Tests;

[Collection(nameof(WorkersCollection))]
public sealed class ReadableScoreTests(KafkaFixture kafka, RedisFixture redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ScorerStateWrite_StoresTheLatestScore_TheLastEventId_AndTheLastPurchaseTime()
    {
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString);
        await scenario.CreateTopicsAsync();
        var model = TestModels.Create();
        var events = TestEvents.Generate(scenario.Prefix, customers: 12, maxEvents: 6, seed: 5);
        var histories = TestEvents.ByCustomer(events);
        // No recency re-scores: the stored score must be the one of each customer's last event.
        await scenario.StartAsync(fused: true, new ActiveModel(model), settings: new Dictionary<string, string?> { ["Workers:Recency:Enabled"] = "false" });
        await scenario.ProduceAsync(events);
        using var reader = scenario.Reader(scenario.UpdatesTopic);
        await reader.ReadUntilAsync(m => ScoreOracle.DistinctCount(m) >= events.Count, Timeout, $"{events.Count} updates");

        var db = scenario.Redis.GetDatabase();
        foreach (var (customer, history) in histories)
        {
            var fields = await WaitForSeqAsync(db, customer, history.Count);
            var stored = ReadableScoreJson.Read(((ReadOnlyMemory<byte>)fields[0]).Span, fields[1], fields[2]);
            var expected = ScoreOracle.Expected(new ReferenceModel(model), history, history.Count).ToModelScores();
            var lastPurchase = history.LastOrDefault(e => e.Kind == TransactionKind.Purchase)?.OccurredAt;

            Assert.Equal(history.Count, stored.SeqNo);
            Assert.Equal(history[^1].OccurredAt, stored.AsOf);
            Assert.Equal(history[^1].EventId, stored.EventId);
            Assert.Equal(lastPurchase, stored.LastPurchaseAt);
            Assert.Equal(model.Version, stored.ModelVersion);
            Assert.Equal(model.Config.HorizonDays, stored.HorizonDays);
            Assert.Equal(expected.ChurnProbability, stored.Scores.ChurnProbability, 1e-5);
            Assert.Equal(expected.ExpectedSpend, stored.Scores.ExpectedSpend, 1e-5 * Math.Max(1, expected.ExpectedSpend));
            Assert.Equal(expected.ClvP10, stored.Scores.ClvP10, 1e-5 * Math.Max(1, expected.ClvP10));
            Assert.Equal(expected.ClvP90, stored.Scores.ClvP90, 1e-5 * Math.Max(1, expected.ClvP90));
        }
    }

    [Fact]
    public async Task StateScript_ReScoreWithoutAnEvent_KeepsTheLastEventIdAndPurchaseTime()
    {
        await WorkerScripts.LoadAllAsync(redis.Connection);
        var db = redis.Connection.GetDatabase();
        var customer = $"readable-{Guid.NewGuid():N}";
        var blob = Encoding.UTF8.GetBytes("state");

        await StateScript.WriteAsync(db, customer, 3, blob, StateScript.EventMode, Encoding.UTF8.GetBytes("{\"a\":1}"), "e-3", "2024-01-02T00:00:00.0000000Z");
        await StateScript.WriteAsync(db, customer, 3, blob, StateScript.SweepMode, Encoding.UTF8.GetBytes("{\"a\":2}"), string.Empty, string.Empty);

        var fields = await db.HashGetAsync(RedisKeys.State(customer), [ReadableScoreJson.ScoreField, ReadableScoreJson.EventIdField, ReadableScoreJson.PurchaseAtField]);
        Assert.Equal(["{\"a\":2}", "e-3", "2024-01-02T00:00:00.0000000Z"], fields.Select(f => (string?)f));
    }

    // The update is acknowledged before the state is written: wait for the write of the last event.
    private static async Task<RedisValue[]> WaitForSeqAsync(IDatabase db, string customer, long seqNo)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var fields = await db.HashGetAsync(RedisKeys.State(customer), ["seq", ReadableScoreJson.ScoreField, ReadableScoreJson.EventIdField, ReadableScoreJson.PurchaseAtField]);
            if ((long?)fields[0] == seqNo || DateTime.UtcNow > deadline)
            {
                return fields[1..];
            }

            await Task.Delay(50);
        }
    }
}
