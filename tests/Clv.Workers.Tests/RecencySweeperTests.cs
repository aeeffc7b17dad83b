using Clv.Contracts.Alerts;
using Clv.Contracts.Json;
using Clv.Contracts.Scores;
using Clv.Contracts.Transactions;
using Clv.ModelLifecycle;
using Clv.TestInfrastructure;
using Clv.TestInfrastructure.Reference;
using Clv.Workers.Scoring;
using Clv.Workers.State;

namespace Clv.Workers.Tests;

[Collection(nameof(WorkersCollection))]
public sealed class RecencySweeperTests(KafkaFixture kafka, RedisFixture redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SilentCustomer_PastTheThreshold_IsRescoredAndAlerted_WithoutANewEvent(bool fused)
    {
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 1);
        await scenario.CreateTopicsAsync();
        var model = TestModels.Create();
        var quiet = $"{scenario.Prefix}-quiet";
        var busy = $"{scenario.Prefix}-busy";
        var start = TestEvents.Start;
        TransactionEvent Event(string customer, int day) => new($"{customer}-{day}", customer, start.AddDays(day), 20, "USD", TransactionKind.Purchase);
        await scenario.StartAsync(fused, new ActiveModel(model), settings: new Dictionary<string, string?>
        {
            ["Workers:Recency:ThresholdDays:0"] = "30",
            ["Workers:Recency:IntervalMs"] = "100",
        });

        // Only the busy customer's events move the event-time watermark past the quiet one's threshold.
        await scenario.ProduceAsync([Event(quiet, 0), Event(busy, 0), Event(busy, 10), Event(busy, 20), Event(busy, 40)]);

        using var alerts = scenario.Reader(scenario.AlertsTopic);
        await alerts.ReadUntilAsync(
            m => m.Select(a => ClvJson.Deserialize<ChurnAlert>(a.Message.Value)).Any(a => a.CustomerId == quiet && a.Cause == AlertCause.Silence),
            Timeout,
            "a silence alert for the quiet customer");
        using var updates = scenario.Reader(scenario.UpdatesTopic);
        var rescored = await updates.ReadUntilAsync(
            m => m.Select(u => ClvJson.Deserialize<ClvUpdate>(u.Message.Value)).Any(u => u.Cause == ScoreCause.Recency),
            Timeout,
            "a recency update");

        var update = Assert.Single(ScoreOracle.Updates(rescored), u => u.Cause == ScoreCause.Recency);
        Assert.Equal((quiet, 1L, start.AddDays(30)), (update.CustomerId, update.SeqNo, update.AsOf));
        var expected = new ReferenceModel(model).Score([CustomerEvents.From(Event(quiet, 0))], start.AddDays(30).UtcDateTime, model.Config.HorizonDays, model.Config.ClvHorizonDays);
        Assert.Null(ReferenceAgreement.FirstDifference(expected, ScoreOracle.Scores(update)));
        // Everything the sweeps published by now, not only what was read until the quiet customer's alert.
        await alerts.DrainAsync(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(alerts.Messages.Select(a => ClvJson.Deserialize<ChurnAlert>(a.Message.Value)), a => a.CustomerId == busy && a.Cause == AlertCause.Silence);
    }
}
