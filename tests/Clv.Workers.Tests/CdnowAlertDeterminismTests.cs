using Clv.Contracts.Alerts;
using Clv.Contracts.Files;
using Clv.Contracts.Json;
using Clv.Contracts.Scores;
using Clv.Contracts.Transactions;
using Clv.Model;
using Clv.Model.Features;
using Clv.TestInfrastructure;
using Clv.Hosting.Redis;
using Clv.ModelLifecycle;
using Clv.Workers.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Clv.Workers.Tests;

/// <summary>
/// The same CDNOW input gives the same alerts whatever the replay pace, the number of partitions and of scorer
/// replicas, and whenever the sweeper runs. The fast test takes a deterministic slice of CDNOW master: the
/// customers whose id is a multiple of 10 (2,357 customers, 6,787 events). <c>CLV_ALERTS_FULL_CDNOW=1</c> replays
/// the whole file instead (69,659 events, 2 minutes on this 2-core machine).
/// </summary>
[Collection(nameof(WorkersCollection))]
public sealed class CdnowAlertDeterminismTests(KafkaFixture kafka, RedisFixture redis)
{
    private const int BudgetAlerts = 2;
    private const double BudgetDays = 30;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task CdnowReplay_AtFullSpeedAndPaced_On4And16Partitions_PublishesTheSameAlerts()
    {
        var events = Slice();
        // Untrained weights whose churn rises during a silence, as a trained model's does, so silence alerts occur
        // (with seed 11, since the heads gained their order-value inputs, churn falls with silence and none do).
        var model = MtlLstmModel.CreateInitial(new ModelConfig(), FeatureStatistics.Identity, seed: 10, version: "cdnow-alerts");

        var runs = new List<Run>
        {
            await ReplayAsync(events, model, partitions: 4, paced: false, replicas: 1),
            await ReplayAsync(events, model, partitions: 4, paced: true, replicas: 1),
            await ReplayAsync(events, model, partitions: 16, paced: false, replicas: 1),
            await ReplayAsync(events, model, partitions: 16, paced: true, replicas: 2),
        };

        // Every silence threshold before each partition's final clock has been swept in every run; beyond the
        // earliest of those clocks a partition may simply not have seen enough event time yet.
        var cutoff = runs.Min(r => r.ClockMs);
        var expected = runs[0].Before(cutoff);
        Assert.True(expected.Count > 100, $"only {expected.Count} of {runs[0].Alerts.Count} alerts before the cutoff {DateTimeOffset.FromUnixTimeMilliseconds(cutoff):yyyy-MM-dd} ({string.Join(", ", runs.Select(r => r.Alerts.Count))}; {runs[0].Updates.Count} updates): the comparison would say little");
        foreach (var run in runs.Skip(1))
        {
            var actual = run.Before(cutoff);
            Assert.True(expected.SetEquals(actual),
                $"{run.Name}: {actual.Count} alerts against {expected.Count}; only there: {string.Join(" | ", actual.Except(expected).Take(2))}; missing: {string.Join(" | ", expected.Except(actual).Take(2))}");
        }

        // The 16-partition run: on 4, the whole file's updates overflow the mock broker's per-partition retention.
        var checkedRun = runs[2];
        Assert.Contains(checkedRun.Alerts, a => a.Trigger == AlertTrigger.Silence);
        Assert.Contains(checkedRun.Alerts, a => a.Trigger == AlertTrigger.Event);
        Assert.Empty(ChurnDidNotRise(checkedRun));
        foreach (var customer in checkedRun.Alerts.GroupBy(a => a.CustomerId))
        {
            var times = customer.Select(a => a.AsOf).Order().ToList();
            for (var i = BudgetAlerts; i < times.Count; i++)
            {
                Assert.True(times[i] - times[i - BudgetAlerts] >= TimeSpan.FromDays(BudgetDays), $"{customer.Key}: more than {BudgetAlerts} alerts in {BudgetDays} days");
            }
        }
    }

    private static List<TransactionEvent> Slice()
    {
        var file = TransactionFileReader.Load(Path.Combine(CdnowReplayTests.RepositoryRoot(), "data", "cdnow", "CDNOW_master.txt"));
        var full = Environment.GetEnvironmentVariable("CLV_ALERTS_FULL_CDNOW") == "1";
        return [.. file.Events.Where(e => full || int.Parse(e.CustomerId) % 10 == 0).OrderBy(e => e.OccurredAt)];
    }

    // An alert's churn_after must be above the customer's score just before it (the update it follows).
    private static List<string> ChurnDidNotRise(Run run)
    {
        var wrong = new List<string>();
        var byCustomer = run.Updates.GroupBy(u => u.CustomerId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var alert in run.Alerts)
        {
            var updates = byCustomer[alert.CustomerId];
            var cause = alert.Trigger == AlertTrigger.Event ? ScoreCause.Event : ScoreCause.Recency;
            var at = updates.FindIndex(u => u.AsOf == alert.AsOf && u.SeqNo == alert.SeqNo && u.Cause == cause);
            if (at <= 0 || updates[at].ChurnProbability != alert.ChurnAfter || updates[at - 1].ChurnProbability >= alert.ChurnAfter)
            {
                wrong.Add($"{alert.CustomerId} at {alert.AsOf:yyyy-MM-dd}");
            }
        }

        return wrong;
    }

    private async Task<Run> ReplayAsync(List<TransactionEvent> events, MtlLstmModel model, int partitions, bool paced, int replicas)
    {
        var name = $"{(paced ? "paced" : "speed 0")}, {partitions} partitions, {replicas} replica(s)";
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions);
        await scenario.CreateTopicsAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Workers:Recency:IntervalMs"] = paced ? "20" : "1000",
            ["Workers:Alerts:MaxAlertsPerBudget"] = BudgetAlerts.ToString(),
            ["Workers:Alerts:BudgetDays"] = BudgetDays.ToString(),
            // The untrained model's churn stays within 0.744-0.761 on this slice: level and jump inside that range.
            ["Workers:Alerts:Level"] = "0.752",
            ["Workers:Alerts:Margin"] = "0.002",
            ["Workers:Alerts:JumpDelta"] = "0.004",
        };
        var hosts = new List<IHost>();
        for (var i = 0; i < replicas; i++)
        {
            hosts.Add(await scenario.StartAsync(fused: true, new ActiveModel(model), settings: settings));
        }

        if (paced)
        {
            // One week of event time at a time, with pauses the sweeper runs in.
            foreach (var week in events.GroupBy(e => (e.OccurredAt - events[0].OccurredAt).Days / 7))
            {
                await scenario.ProduceAsync(week);
                await Task.Delay(30);
            }
        }
        else
        {
            await scenario.ProduceAsync(events);
        }

        await CdnowReplayTests.WaitUntilConsumedAsync(scenario, $"scorer-{scenario.Prefix}", scenario.TransactionsTopic);
        var clocks = await WaitUntilSweptAsync(scenario, hosts);

        using var alertReader = scenario.Reader(scenario.AlertsTopic);
        await alertReader.DrainAsync(TimeSpan.FromSeconds(3));
        using var updateReader = scenario.Reader(scenario.UpdatesTopic);
        await updateReader.DrainAsync(TimeSpan.FromSeconds(3));
        var alerts = alertReader.Messages.Select(m => (Json: System.Text.Encoding.UTF8.GetString(m.Message.Value), Alert: ClvJson.Deserialize<ChurnAlert>(m.Message.Value)))
            .DistinctBy(a => a.Json).ToList();
        var updates = updateReader.Messages.Select(m => ClvJson.Deserialize<ClvUpdate>(m.Message.Value)).Distinct().ToList();
        return new Run(name, clocks.Min(), [.. alerts.Select(a => a.Alert)], [.. alerts.Select(a => (a.Json, a.Alert.AsOf))], updates);
    }

    // Waits until no partition has a customer due strictly before its clock; returns each partition's clock.
    private static async Task<long[]> WaitUntilSweptAsync(PipelineScenario scenario, List<IHost> hosts)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var db = scenario.Redis.GetDatabase(scenario.Database);
        while (true)
        {
            var clocks = new long[scenario.Partitions];
            var due = 0L;
            try
            {
                for (var p = 0; p < scenario.Partitions; p++)
                {
                    clocks[p] = hosts.Select(h => h.Services.GetRequiredService<EventTimeWatermark>().TryGetNow(p, out var now) ? now : long.MinValue).Max();
                    due += await db.SortedSetLengthAsync(RedisKeys.RecencyDue(p), double.NegativeInfinity, clocks[p], StackExchange.Redis.Exclude.Stop);
                }
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or OperationCanceledException)
            {
                // This probe's own connection, not the workers', dropped a command on a loaded machine: ask again.
                due = -1;
            }

            if (due == 0)
            {
                return clocks;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{due} customers still due for a silence re-score");
            await Task.Delay(500);
        }
    }

    private sealed record Run(string Name, long ClockMs, List<ChurnAlert> Alerts, List<(string Json, DateTimeOffset AsOf)> Messages, List<ClvUpdate> Updates)
    {
        public HashSet<string> Before(long cutoffMs) => [.. Messages.Where(m => m.AsOf.ToUnixTimeMilliseconds() < cutoffMs).Select(m => m.Json)];
    }
}
