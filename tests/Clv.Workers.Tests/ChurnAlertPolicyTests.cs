using Clv.Contracts.Alerts;
using Clv.Workers.Alerts;
using Clv.Workers.Options;
using Clv.Workers.State;

namespace Clv.Workers.Tests;

/// <summary>The alert policy against sequences of scores whose expected alerts follow from the options alone.</summary>
public sealed class ChurnAlertPolicyTests
{
    private const long Day = 86_400_000;

    private static readonly ChurnAlertOptions Options = new()
    {
        Level = 0.7, Margin = 0.1, JumpDelta = 0.2, MaxAlertsPerBudget = 2, BudgetDays = 30, MediumClvAtRisk = 10, HighClvAtRisk = 50,
    };

    [Theory]
    [InlineData(0.60, 0.75, AlertCause.LevelCrossing)] // crosses 0.7 from below
    [InlineData(0.10, 0.35, AlertCause.Jump)] // +0.25 over the reference
    [InlineData(0.40, 0.95, AlertCause.LevelCrossing)] // both: the crossing names it
    [InlineData(0.75, 0.90, null)] // first score already above the level: no crossing
    [InlineData(0.30, 0.45, null)] // +0.15: below the jump
    [InlineData(0.80, 0.20, null)] // fell
    public void SecondScore_AlertsOnAnUpwardCrossingOrAJump(double first, double second, AlertCause? expected) =>
        Assert.Equal(expected, Causes(first, second)[1]);

    [Fact]
    public void FirstScore_HasNothingToCompareWith() =>
        Assert.Equal([null], Causes(0.99));

    [Fact]
    public void SlowSlide_AlertsOnceWhenItsTotalRiseReachesTheJump()
    {
        // Customer 01032 of the issue, alerted every month for +0.017: now one alert, when the slide totals +0.2.
        var slide = Enumerable.Range(0, 16).Select(i => 0.10 + (0.017 * i)).ToArray();
        var causes = Causes(slide);
        var firstAtOrAboveJump = Array.FindIndex(slide, c => c - 0.10 >= 0.2 - 1e-12);

        Assert.Equal(firstAtOrAboveJump, Array.FindIndex(causes, c => c is not null));
        Assert.Single(causes, c => c is not null);
    }

    [Fact]
    public void FallingChurn_NeverAlerts_EvenAboveTheLevelOrAfterARise()
    {
        var causes = Causes(0.1, 0.9, 0.85, 0.8, 0.75, 0.72);

        Assert.Equal(AlertCause.LevelCrossing, causes[1]);
        Assert.All(causes.Skip(2), c => Assert.Null(c));
    }

    [Fact]
    public void LevelCrossing_ReArmsOnlyBelowLevelMinusMargin()
    {
        // 0.65 is below the level but not below 0.6: the next crossing is the same slide, no new alert.
        Assert.Equal<AlertCause?>([null, AlertCause.LevelCrossing, null, null], Causes(0.55, 0.72, 0.65, 0.71));
        // 0.55 re-arms: the next crossing alerts again.
        Assert.Equal<AlertCause?>([null, AlertCause.LevelCrossing, null, AlertCause.LevelCrossing], Causes(0.55, 0.72, 0.55, 0.71));
    }

    [Fact]
    public void Budget_CapsAlertsPerWindow_AndFreesAfterIt()
    {
        var policy = new ChurnAlertPolicy(Options);
        var state = new ScoringState("c", 4);
        var published = new List<long>();
        // A customer bouncing between 0.5 and 0.75 every 5 days re-arms and crosses every 10 days.
        for (var day = 0; day <= 60; day += 5)
        {
            var churn = day % 10 == 0 ? 0.5 : 0.75;
            if (policy.Evaluate(state, churn, 100, day * Day) is not null)
            {
                published.Add(day);
            }

            state.LastChurn = churn;
        }

        // Crossings on days 5, 15, 25, 35, 45, 55; at most 2 in any 30 days, counted from each alert's own time.
        Assert.Equal([5L, 15, 35, 45], published);
    }

    [Fact]
    public void MinimumValueAtRisk_DropsTheAlert_WithoutRaisingItAgainAScoreLater()
    {
        var policy = new ChurnAlertPolicy(new ChurnAlertOptions { Level = 0.7, JumpDelta = 0.2, MinClvAtRisk = 5 });
        var state = new ScoringState("c", 4);
        AlertDecision? Score(double churn, double clv)
        {
            var decision = policy.Evaluate(state, churn, clv, 0);
            state.LastChurn = churn;
            return decision;
        }

        // 0.3 -> 0.75 on a CLV of 10 puts 4.5 at risk: below 5, dropped; 0.76 is the same slide.
        Assert.Equal<AlertDecision?>([null, null, null], [Score(0.3, 10), Score(0.75, 10), Score(0.76, 10)]);
    }

    [Fact]
    public void Decision_CarriesReference_ValueAtRisk_SeverityAndOneEpisodeForOneSlide()
    {
        var policy = new ChurnAlertPolicy(Options);
        var state = new ScoringState("c", 4);
        var decisions = new List<AlertDecision>();
        var (churns, clvs) = (new[] { 0.20, 0.15, 0.40, 0.45, 0.72, 0.25, 0.55 }, new[] { 100.0, 100, 80, 60, 40, 90, 70 });
        for (var i = 0; i < churns.Length; i++)
        {
            if (policy.Evaluate(state, churns[i], clvs[i], i * 20 * Day) is { } decision)
            {
                decisions.Add(decision);
            }

            state.LastChurn = churns[i];
        }

        // Score 2: jump over the lowest churn so far (0.15): at risk 80 * 0.25 = 20 (medium), opens the episode.
        // Score 4: crossing 0.7 from the reference 0.40: at risk 40 * 0.32 = 12.8 (medium), same episode.
        // Score 5: 0.25 < 0.40 - 0.1 closes it; score 6: jump 0.25 -> 0.55, at risk 70 * 0.30 = 21, a new episode.
        Assert.Equal(
            [
                (AlertCause.Jump, 0.15, 0.2, 20.0, AlertSeverity.Medium, 40 * Day),
                (AlertCause.LevelCrossing, 0.40, 0.7, 12.8, AlertSeverity.Medium, 40 * Day),
                (AlertCause.Jump, 0.25, 0.2, 21.0, AlertSeverity.Medium, 120 * Day),
            ],
            decisions.Select(d => (d.Cause, Math.Round(d.ChurnBefore, 9), d.Threshold, Math.Round(d.ClvAtRisk, 9), d.Severity, d.EpisodeStartMs)));
    }

    [Theory]
    [InlineData(0.0, 0.25, 1)]
    [InlineData(0.8, 0.0, 1)]
    [InlineData(0.8, 0.25, 0)]
    public void OutOfRangeOptions_AreRefusedAtStart(double level, double jump, int budget) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChurnAlertPolicy(new ChurnAlertOptions { Level = level, JumpDelta = jump, MaxAlertsPerBudget = budget }));

    private static AlertCause?[] Causes(params double[] churns)
    {
        var policy = new ChurnAlertPolicy(Options);
        var state = new ScoringState("c", 4);
        var causes = new AlertCause?[churns.Length];
        for (var i = 0; i < churns.Length; i++)
        {
            // Far apart in time, so the budget never decides here.
            causes[i] = policy.Evaluate(state, churns[i], 1_000, i * 100 * Day)?.Cause;
            state.LastChurn = churns[i];
        }

        return causes;
    }
}
