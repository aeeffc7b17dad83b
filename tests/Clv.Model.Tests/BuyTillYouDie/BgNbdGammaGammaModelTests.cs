using Clv.Contracts.Files;
using Clv.Model.BuyTillYouDie;
using Clv.Model.Data;
using Clv.Model.Tests.Baselines;
using Clv.Training.Baselines;

namespace Clv.Model.Tests.BuyTillYouDie;

public sealed class BgNbdGammaGammaModelTests
{
    // Fader, Hardie & Lee (2005) and Fader & Hardie (2013) on CDNOW: r, α, a, b and p, q, γ.
    public static readonly BuyTillYouDieParameters Published = new(0.243, 4.414, 0.793, 2.426, 6.25, 3.74, 15.44);

    private const int Horizon = 273;
    private const int ClvHorizon = 365;
    private const double AnnualDiscount = 0.10;

    public static BgNbdGammaGammaModel Model() =>
        new("btyd-test", Published, Horizon, ClvHorizon, AnnualDiscount, TrainingMetadata.Untrained);

    internal static readonly BgNbdGammaGammaBaseline Baseline = new(
        new BgNbdModel(new BgNbdParameters(Published.R, Published.Alpha, Published.A, Published.B)),
        new GammaGammaModel(new GammaGammaParameters(Published.P, Published.Q, Published.Gamma)));

    [Fact]
    public void StreamedStatisticsAndScores_EqualTheBatchSummaryAndBaseline_ForEveryCdnowCustomer()
    {
        var histories = CustomerHistories.FromEvents(TransactionFileReader.Load(CdnowSampleData.SamplePath, TransactionFileFormat.Cdnow).Events);
        var model = Model();
        var compared = 0;
        foreach (var history in histories)
        {
            // The batch path: days grouped by CustomerPurchaseDays, summarised by RfmSummary at each day.
            var days = CustomerPurchaseDays.From(history);
            var state = new CustomerState(model.HiddenSize);
            var events = history.Events.ToArray();
            for (var i = 0; i < events.Length; i++)
            {
                state.Advance(model, events[i]);
                if (i + 1 < events.Length && events[i + 1].Time.Date == events[i].Time.Date)
                {
                    continue; // the batch summary of a day includes all of that day's purchases
                }

                // At the purchase, and silent later: halfway to the next purchase day (or 45 days on after the last).
                var silentUntil = i + 1 < events.Length ? events[i].Time.Date.AddDays((events[i + 1].Time.Date - events[i].Time.Date).Days / 2) : events[i].Time.AddDays(45);
                foreach (var asOf in (ReadOnlySpan<DateTime>)[events[i].Time, silentUntil])
                {
                    var summary = RfmSummary.At(days, DateOnly.FromDateTime(asOf))!.Value;
                    var stats = state.PurchaseDays;
                    Assert.Equal(summary.Frequency, stats.Frequency);
                    Assert.Equal(summary.RecencyWeeks, stats.RecencyWeeks);
                    Assert.Equal(summary.AgeWeeks, stats.AgeWeeks(asOf));
                    Assert.Equal(summary.MeanRepeatValue, stats.MeanRepeatValue, 1e-9);

                    var scores = state.Score(model, asOf, Horizon, ClvHorizon);
                    var expected = Baseline.Predict(summary, Horizon / 7.0);
                    Assert.Equal(expected.ChurnProbability, scores.ChurnProbability, 1e-12);
                    Assert.Equal(expected.ExpectedSpend, scores.ExpectedSpend, 1e-9);
                    Assert.Equal(expected.SpendP10, scores.SpendP10, 1e-9);
                    Assert.Equal(expected.SpendP90, scores.SpendP90, 1e-9);
                    Assert.Equal(Baseline.Clv(summary, ClvHorizon, AnnualDiscount), scores.Clv, 1e-9);
                    compared++;
                }
            }
        }

        Assert.True(compared > 2 * histories.Count, $"only {compared} comparisons");
    }

    [Fact]
    public void PurchaseDays_GroupPurchasesByDayAndIgnoreRefunds()
    {
        var day = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var statistics = default(PurchaseDayStatistics);
        foreach (var e in (CustomerEvent[])[
            new(day.AddHours(9), 10, false), new(day.AddHours(20), 5, false), new(day.AddHours(21), 99, true),
            new(day.AddDays(14).AddHours(1), 30, false), new(day.AddDays(14).AddHours(23), 6, false),
            new(day.AddDays(21), 12, false), new(day.AddDays(30), 50, true)])
        {
            statistics.Add(e);
        }

        // Three purchase days: the first (10 + 5), day 14 (30 + 6) and day 21 (12); the refunds count for nothing.
        Assert.Equal(2, statistics.Frequency);
        Assert.Equal(15, statistics.FirstDayValue);
        Assert.Equal((36 + 12) / 2.0, statistics.MeanRepeatValue);
        Assert.Equal(3, statistics.RecencyWeeks);
        Assert.Equal(40 / 7.0, statistics.AgeWeeks(day.AddDays(40).AddHours(23)));
        Assert.True(statistics.IsValid);
    }

    [Fact]
    public void Score_CustomerWithoutAPurchase_IsAFirstTimeBuyerOfToday()
    {
        var model = Model();
        var state = new CustomerState(model.HiddenSize);
        var asOf = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        state.Advance(model, new CustomerEvent(asOf, 40, IsRefund: true));

        var scores = state.Score(model, asOf, Horizon, ClvHorizon);

        // x = 0, T = 0: P(alive) = 1 and the rate posterior is the prior Gamma(r, α), so P(no purchase in t) = (α / (α + t))^r.
        var weeks = Horizon / 7.0;
        Assert.Equal(Math.Pow(Published.Alpha / (Published.Alpha + weeks), Published.R), scores.ChurnProbability, 1e-12);
        // Zero mass above 10%: P10 is 0 and P90 lies above the mean of the zero-inflated spend; the same for CLV.
        Assert.Equal(0, scores.SpendP10);
        Assert.True(scores.SpendP90 > scores.ExpectedSpend, $"P90 {scores.SpendP90} should exceed the mean {scores.ExpectedSpend}");
        Assert.Equal(0, scores.ClvP10);
        Assert.True(scores.ClvP90 > scores.Clv, $"CLV P90 {scores.ClvP90} should exceed the mean {scores.Clv}");
    }

    [Fact]
    public void Advance_AndScore_AllocateNothing()
    {
        var model = Model();
        var events = TestEvents.Sequence(64, seed: 5);
        var state = new CustomerState(model.HiddenSize);
        state.Advance(model, events[0]);
        _ = state.Score(model, events[0].Time, Horizon, ClvHorizon);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i < events.Length; i++)
        {
            state.Advance(model, events[i]);
            _ = state.Score(model, events[i].Time.AddDays(3), Horizon, ClvHorizon);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(double.NaN, "r")]
    [InlineData(-1.0, "r")]
    [InlineData(0.0, "r")]
    [InlineData(double.PositiveInfinity, "r")]
    public void Constructor_ParameterNotFiniteAndPositive_IsRefused(double r, string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new BgNbdGammaGammaModel(
            "bad", Published with { R = r }, Horizon, ClvHorizon, AnnualDiscount, TrainingMetadata.Untrained));
        Assert.Contains($"parameter {name} =", error.Message);
    }
}
