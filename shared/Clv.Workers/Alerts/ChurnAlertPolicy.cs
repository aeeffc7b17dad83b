using Clv.Contracts.Alerts;
using Clv.Workers.Options;
using Clv.Workers.State;

namespace Clv.Workers.Alerts;

/// <summary>
/// Decides, score by score, whether a customer's churn probability is an alert, whatever re-scored it (an event or
/// a silence threshold). An alert fires when churn crosses <see cref="ChurnAlertOptions.Level"/> from below while
/// the level is armed (it re-arms only below level minus <see cref="ChurnAlertOptions.Margin"/>), or when churn has
/// risen by at least <see cref="ChurnAlertOptions.JumpDelta"/> over the reference (the lowest churn since the last
/// alert); never when churn did not rise. A decided alert is dropped when its CLV at risk is below the minimum or
/// the customer's budget is spent; the arming and the reference move as if it had fired, so a dropped alert is not
/// raised again a score later. Alerts from the first one until churn falls below the first one's churn minus the
/// margin form one episode. Times are event times (Unix ms), so a replay decides exactly as the first run did.
/// </summary>
public sealed class ChurnAlertPolicy
{
    private readonly ChurnAlertOptions _options;
    private readonly long _budgetMs;

    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    public ChurnAlertPolicy(ChurnAlertOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Level, 0, "Workers:Alerts:Level");
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(options.Level, 1, "Workers:Alerts:Level");
        ArgumentOutOfRangeException.ThrowIfNegative(options.Margin, "Workers:Alerts:Margin");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.JumpDelta, 0, "Workers:Alerts:JumpDelta");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAlertsPerBudget, 1, "Workers:Alerts:MaxAlertsPerBudget");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxAlertsPerBudget, ScoringStateCodec.MaxAlertTimes, "Workers:Alerts:MaxAlertsPerBudget");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.BudgetDays, 0, "Workers:Alerts:BudgetDays");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MediumClvAtRisk, options.HighClvAtRisk, "Workers:Alerts:MediumClvAtRisk");
        _options = options;
        _budgetMs = (long)(options.BudgetDays * 86_400_000);
    }

    /// <summary>
    /// Folds the score (<paramref name="churn"/>, <paramref name="clv"/> as of <paramref name="asOfMs"/>) into the
    /// customer's alert bookkeeping and returns the alert to publish, or null. The caller sets
    /// <see cref="ScoringState.LastChurn"/> afterwards. A first score has nothing to compare with and never alerts.
    /// </summary>
    public AlertDecision? Evaluate(ScoringState state, double churn, double clv, long asOfMs)
    {
        var previous = state.LastChurn;
        if (double.IsNaN(previous))
        {
            state.ReferenceChurn = churn;
            state.LevelArmed = churn < _options.Level;
            return null;
        }

        if (state.EpisodeStartMs != ScoringState.NoEpisode && churn < state.EpisodeOpenChurn - _options.Margin)
        {
            state.EpisodeStartMs = ScoringState.NoEpisode;
            state.EpisodeOpenChurn = double.NaN;
        }

        if (churn < _options.Level - _options.Margin)
        {
            state.LevelArmed = true;
        }

        var reference = double.IsNaN(state.ReferenceChurn) ? previous : state.ReferenceChurn;
        AlertCause? cause = null;
        var threshold = 0.0;
        if (churn > previous)
        {
            if (state.LevelArmed && previous < _options.Level && churn >= _options.Level)
            {
                (cause, threshold) = (AlertCause.LevelCrossing, _options.Level);
            }
            else if (churn - reference >= _options.JumpDelta)
            {
                (cause, threshold) = (AlertCause.Jump, _options.JumpDelta);
            }
        }

        if (cause is null)
        {
            state.ReferenceChurn = Math.Min(reference, churn);
            return null;
        }

        if (churn >= _options.Level)
        {
            state.LevelArmed = false;
        }

        state.ReferenceChurn = churn;
        var atRisk = clv * (churn - reference);
        if (atRisk < _options.MinClvAtRisk)
        {
            return null;
        }

        var alerts = state.AlertTimesMs;
        while (alerts.Count > 0 && alerts[0] <= asOfMs - _budgetMs)
        {
            alerts.RemoveAt(0);
        }

        if (alerts.Count >= _options.MaxAlertsPerBudget)
        {
            return null;
        }

        alerts.Add(asOfMs);
        if (state.EpisodeStartMs == ScoringState.NoEpisode)
        {
            state.EpisodeStartMs = asOfMs;
            state.EpisodeOpenChurn = churn;
        }

        return new AlertDecision(cause.Value, reference, threshold, atRisk, Severity(atRisk), state.EpisodeStartMs);
    }

    private AlertSeverity Severity(double atRisk) =>
        atRisk >= _options.HighClvAtRisk ? AlertSeverity.High : atRisk >= _options.MediumClvAtRisk ? AlertSeverity.Medium : AlertSeverity.Low;
}
