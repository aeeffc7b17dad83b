using Clv.Contracts.Scores;
using Clv.Contracts.Transactions;
using Clv.Model;
using Clv.Model.BuyTillYouDie;
using Clv.Model.Network;
using Clv.Model.Persistence;
using Clv.ModelLifecycle;
using Clv.TestInfrastructure;

namespace Clv.Workers.Tests;

/// <summary>
/// The scorer serving a BG/NBD + Gamma-Gamma model: every update equals the closed-form prediction for the customer's
/// history up to that event, whose (x, t_x, T, mean repeat value) this test derives from the events on its own (days
/// grouped by UTC date, refunds left out), not from the statistics the scorer keeps.
/// </summary>
[Collection(nameof(WorkersCollection))]
public sealed class BgNbdScoringTests(KafkaFixture kafka, RedisFixture redis)
{
    // Fader, Hardie & Lee (2005) and Fader & Hardie (2013) on CDNOW.
    internal static readonly BuyTillYouDieParameters Parameters = new(0.243, 4.414, 0.793, 2.426, 6.25, 3.74, 15.44);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryEvent_GetsTheBgNbdGammaGammaPredictionForItsHistory(bool fused)
    {
        // Published as the trainer would: through its model file, read back by the kind-aware reader.
        var written = new BgNbdGammaGammaModel("btyd-e2e", Parameters, 273, 365, 0.10, TrainingMetadata.Untrained);
        var model = (BgNbdGammaGammaModel)WeightsFile.ReadModel(WeightsFile.ToBytes(written));
        var (histories, streamed) = await EndToEndTests.ScoreAsync(kafka, redis, fused, model, seed: 5);
        var updates = streamed.Where(u => u.Cause == ScoreCause.Event).ToList();

        Assert.Equal(histories.Values.Sum(h => h.Count), updates.Select(u => (u.CustomerId, u.SeqNo)).Distinct().Count());
        foreach (var (customer, history) in histories)
        {
            for (var seq = 1; seq <= history.Count; seq++)
            {
                var update = updates.First(u => u.CustomerId == customer && u.SeqNo == seq);
                var expected = Expected(history.Take(seq).ToList(), update.HorizonDays, update.ClvHorizonDays, model.AnnualDiscountRate);
                Assert.Equal(model.Version, update.ModelVersion);
                Assert.Equal(expected.Churn, update.ChurnProbability, 1e-12);
                Assert.Equal(expected.Spend, update.ExpectedSpend, 1e-9);
                Assert.Equal(expected.Clv, update.Clv, 1e-9);
                Assert.Equal(expected.SpendP10, update.SpendP10, 1e-9);
                Assert.Equal(expected.SpendP90, update.SpendP90, 1e-9);
                Assert.Equal(expected.ClvP90, update.ClvP90, 1e-9);
            }
        }
    }

    [Fact]
    public async Task AfterASwapFromTheLstm_EveryUpdateIsTheBgNbdPredictionForTheWholeHistory()
    {
        var bgnbd = new BgNbdGammaGammaModel("btyd-after-swap", Parameters, 273, 365, 0.10, TrainingMetadata.Untrained);
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString);
        await scenario.CreateTopicsAsync();
        var events = TestEvents.Generate(scenario.Prefix, customers: 20, maxEvents: 8, seed: 9);
        var histories = TestEvents.ByCustomer(events);
        // Each customer's first half under the LSTM (states named by its version, so BG/NBD rebuilds them from the window), the rest under BG/NBD.
        var underLstm = histories.Values.SelectMany(h => h.Take((h.Count + 1) / 2)).ToHashSet();
        var active = new ActiveModel(TestModels.Create());
        await scenario.StartAsync(fused: true, active);
        using var reader = scenario.Reader(scenario.UpdatesTopic);
        await scenario.ProduceAsync(events.Where(underLstm.Contains));
        await reader.ReadUntilAsync(m => ScoreOracle.DistinctCount(m) >= underLstm.Count, TimeSpan.FromSeconds(60), $"{underLstm.Count} LSTM updates");

        active.Swap(bgnbd);
        await scenario.ProduceAsync(events.Where(e => !underLstm.Contains(e)));
        var messages = await reader.ReadUntilAsync(m => ScoreOracle.DistinctCount(m) >= events.Count, TimeSpan.FromSeconds(60), $"{events.Count} updates");

        var updates = ScoreOracle.Updates(messages).Where(u => u.Cause == ScoreCause.Event).ToList();
        var checkedAfterSwap = 0;
        foreach (var (customer, history) in histories)
        {
            for (var seq = (history.Count + 1) / 2 + 1; seq <= history.Count; seq++, checkedAfterSwap++)
            {
                var update = updates.First(u => u.CustomerId == customer && u.SeqNo == seq);
                var expected = Expected(history.Take(seq).ToList(), update.HorizonDays, update.ClvHorizonDays, bgnbd.AnnualDiscountRate);
                Assert.Equal(bgnbd.Version, update.ModelVersion);
                Assert.Equal(expected.Churn, update.ChurnProbability, 1e-12);
                Assert.Equal(expected.Clv, update.Clv, 1e-9);
            }
        }

        Assert.True(checkedAfterSwap > 20, $"only {checkedAfterSwap} events came after the swap");
    }

    internal static (double Churn, double Spend, double Clv, double SpendP10, double SpendP90, double ClvP90) Expected(
        List<TransactionEvent> history, int horizonDays, int clvHorizonDays, double annualDiscount)
    {
        var days = history.Where(e => e.Kind == TransactionKind.Purchase)
            .GroupBy(e => DateOnly.FromDateTime(e.OccurredAt.UtcDateTime).DayNumber)
            .Select(g => (Day: g.Key, Amount: g.Sum(e => Math.Abs(e.Amount))))
            .OrderBy(d => d.Day)
            .ToList();
        var asOf = DateOnly.FromDateTime(history[^1].OccurredAt.UtcDateTime).DayNumber;
        var (x, recency, age, meanRepeat) = days.Count == 0
            ? (0, 0.0, 0.0, 0.0)
            : (days.Count - 1, (days[^1].Day - days[0].Day) / 7.0, (asOf - days[0].Day) / 7.0, days.Count > 1 ? days.Skip(1).Average(d => d.Amount) : 0.0);
        var (r, alpha, a, b, p, q, gamma) = Parameters;
        var value = BgNbdPredictions.ExpectedTransactionValue(p, q, gamma, x, meanRepeat);
        var (weeks, clvWeeks, dailyDiscount) = (horizonDays / 7.0, clvHorizonDays / 7.0, PurchaseWindow.DailyDiscount(annualDiscount));
        var churn = BgNbdPredictions.ProbabilityNoPurchase(r, alpha, a, b, x, recency, age, weeks);
        var spend = BgNbdPredictions.ExpectedTransactions(r, alpha, a, b, x, recency, age, weeks) * value;
        var clv = BgNbdPredictions.DiscountedExpectedTransactions(r, alpha, a, b, x, recency, age, clvWeeks, dailyDiscount) * value;
        var orders = OrderValuePosterior.After(p, q, gamma, x, x * meanRepeat);
        var spendDistribution = BgNbdWindowDistribution.WindowValue(r, alpha, a, b, x, recency, age, weeks, 0, churn, spend, orders);
        var clvDistribution = BgNbdWindowDistribution.WindowValue(
            r, alpha, a, b, x, recency, age, clvWeeks, 7 * dailyDiscount, BgNbdPredictions.ProbabilityNoPurchase(r, alpha, a, b, x, recency, age, clvWeeks), clv, orders);
        return (churn, spend, clv, spendDistribution.Quantile(0.1), spendDistribution.Quantile(0.9), clvDistribution.Quantile(0.9));
    }
}
