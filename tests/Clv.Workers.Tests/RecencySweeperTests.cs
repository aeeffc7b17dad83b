using Clv.Contracts.Alerts;
using Clv.Contracts.Json;
using Clv.Contracts.Scores;
using Clv.Contracts.Transactions;
using Clv.Model;
using Clv.ModelLifecycle;
using Clv.TestInfrastructure;
using Clv.TestInfrastructure.Reference;
using Clv.Workers.State;

namespace Clv.Workers.Tests;

[Collection(nameof(WorkersCollection))]
public sealed class RecencySweeperTests(KafkaFixture kafka, RedisFixture redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SilentCustomer_PastTheThreshold_IsRescoredAsOfTheThreshold_ThroughTheAlertPolicy(bool fused)
    {
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 1);
        await scenario.CreateTopicsAsync();
        var model = TestModels.Create();
        var quiet = $"{scenario.Prefix}-quiet";
        var busy = $"{scenario.Prefix}-busy";
        await scenario.StartAsync(fused, new ActiveModel(model), settings: Settings(jumpDelta: "0.000001"));

        // Only the busy customer's events move the partition's event-time clock past the quiet one's threshold.
        await scenario.ProduceAsync([Event(quiet, 0), Event(busy, 0), Event(busy, 10), Event(busy, 20), Event(busy, 40)]);

        using var updates = scenario.Reader(scenario.UpdatesTopic);
        var rescored = await updates.ReadUntilAsync(
            m => m.Select(u => ClvJson.Deserialize<ClvUpdate>(u.Message.Value)).Any(u => u.Cause == ScoreCause.Recency && u.CustomerId == quiet),
            Timeout,
            "a recency update of the quiet customer");

        var update = Assert.Single(ScoreOracle.Updates(rescored), u => u.Cause == ScoreCause.Recency && u.CustomerId == quiet);
        Assert.Equal((1L, TestEvents.Start.AddDays(30)), (update.SeqNo, update.AsOf));
        var atEvent = Predict(model, 0);
        var atThreshold = Predict(model, 30);
        Assert.Equal(atThreshold.Churn, update.ChurnProbability, 1e-5);

        // With a jump of 1e-6 and no level in reach, the policy alerts exactly when 30 days of silence raised churn.
        using var alerts = scenario.Reader(scenario.AlertsTopic);
        await alerts.DrainAsync(TimeSpan.FromSeconds(2));
        var quietAlerts = alerts.Messages.Select(a => ClvJson.Deserialize<ChurnAlert>(a.Message.Value)).Where(a => a.CustomerId == quiet).ToList();
        if (atThreshold.Churn > atEvent.Churn)
        {
            var alert = Assert.Single(quietAlerts);
            Assert.Equal(
                (AlertCause.Jump, AlertTrigger.Silence, 30.0, TestEvents.Start.AddDays(30)),
                (alert.Cause, alert.Trigger, alert.DaysSinceLastPurchase, alert.AsOf));
            Assert.Equal(atEvent.Churn, alert.ChurnBefore, 1e-5);
        }
        else
        {
            Assert.Empty(quietAlerts);
        }
    }

    [Fact]
    public async Task ThresholdPassedBeforeTheNextEvent_IsRescoredBeforeThatEvent_EvenWhenTheSweeperNeverSawIt()
    {
        // Both events in one batch and sweeps far apart: the sweeper cannot get there first, the event must.
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 1);
        await scenario.CreateTopicsAsync();
        var model = TestModels.Create();
        var customer = $"{scenario.Prefix}-c";
        var settings = Settings(jumpDelta: "0.25");
        settings["Workers:Recency:IntervalMs"] = "600000";
        await scenario.StartAsync(fused: true, new ActiveModel(model), settings: settings);

        await scenario.ProduceAsync([Event(customer, 0), Event(customer, 45)]);

        using var updates = scenario.Reader(scenario.UpdatesTopic);
        var read = await updates.ReadUntilAsync(m => m.Count >= 3, Timeout, "three updates");
        Assert.Equal(
            [(ScoreCause.Event, 1L, TestEvents.Start), (ScoreCause.Recency, 1L, TestEvents.Start.AddDays(30)), (ScoreCause.Event, 2L, TestEvents.Start.AddDays(45))],
            ScoreOracle.Updates(read).Select(u => (u.Cause, u.SeqNo, u.AsOf)));
    }

    [Fact]
    public async Task AnEventDatedFarAhead_DoesNotMoveNowForTheOtherCustomers()
    {
        // The finding: one event dated today inside a historical replay re-scored every silent customer.
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 1);
        await scenario.CreateTopicsAsync();
        var quiet = $"{scenario.Prefix}-quiet";
        var busy = $"{scenario.Prefix}-busy";
        var skewed = $"{scenario.Prefix}-skewed";
        await scenario.StartAsync(fused: true, new ActiveModel(TestModels.Create()), settings: Settings(jumpDelta: "0.25"));

        var today = (int)(DateTimeOffset.UtcNow - TestEvents.Start).TotalDays; // years after the others: the sequencer accepts it
        await scenario.ProduceAsync([Event(quiet, 0), Event(busy, 0), Event(skewed, today), Event(busy, 10)]);

        using var updates = scenario.Reader(scenario.UpdatesTopic);
        await updates.ReadUntilAsync(m => m.Count >= 4, Timeout, "the four event updates");
        await updates.DrainAsync(TimeSpan.FromSeconds(3)); // sweeps run every 100 ms meanwhile
        Assert.DoesNotContain(ScoreOracle.Updates(updates.Messages), u => u.Cause == ScoreCause.Recency);
    }

    private static TransactionEvent Event(string customer, int day) =>
        new($"{customer}-{day}", customer, TestEvents.Start.AddDays(day), 20, "USD", TransactionKind.Purchase);

    private static Dictionary<string, string?> Settings(string jumpDelta) => new()
    {
        ["Workers:Recency:ThresholdDays:0"] = "30",
        ["Workers:Recency:IntervalMs"] = "100",
        ["Workers:Recency:MaxOutOfOrderMinutes"] = "0",
        ["Workers:Alerts:JumpDelta"] = jumpDelta,
        ["Workers:Alerts:Level"] = "0.999999",
    };

    // From the independent scalar reference, not the worker's CustomerState: one event, then the heads at a recency.
    private static ReferenceScores Predict(MtlLstmModel model, int daysSilent) =>
        new ReferenceModel(model).Score([CustomerEvents.From(Event("x", 0))], TestEvents.Start.AddDays(daysSilent).UtcDateTime, model.Config.HorizonDays, model.Config.ClvHorizonDays);
}
