using Clv.Model;
using Clv.Model.Data;
using Clv.Workers.Alerts;
using Clv.Workers.Options;
using Clv.Workers.Scoring;
using Clv.Workers.State;

namespace Clv.Cli.Alerts;

/// <summary>
/// The workers' alert policy run offline in event time: each customer's LSTM state is advanced through its
/// calibration events, scored once at the calibration end (the policy's first score), then through the holdout
/// as the scorer would: at each silence threshold that passes before the next event (heads only, as of the
/// threshold) and at each event (one LSTM step), every score decided by <see cref="ChurnAlertPolicy"/>.
/// </summary>
public sealed class PolicyAlertStream(MtlLstmModel model, IReadOnlyList<CustomerHistory> histories, double[] thresholdDays)
{
    public List<EvaluatedAlert> Alerts(ChurnAlertOptions options, AlertOutcomes outcomes)
    {
        var policy = new ChurnAlertPolicy(options);
        var start = outcomes.WindowStart.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = outcomes.WindowEnd.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var alerts = new List<EvaluatedAlert>();
        var state = new ScoringState("", model.Config.HiddenSize);
        for (var c = 0; c < histories.Count; c++)
        {
            state.Reset(histories[c].CustomerId);
            var events = histories[c].Events;
            var next = 0;
            while (next < events.Length && events[next].Time < start)
            {
                state.Lstm.Advance(model, events[next++]);
            }

            if (state.Lstm.LastEventTime is not null)
            {
                Score(policy, state, start, c, outcomes, alerts);
                while (SilenceSchedule.NextDueMs(state, thresholdDays) is { } dueMs && dueMs <= Ms(start))
                {
                    state.SilenceLevel++;
                }
            }

            for (; next < events.Length && events[next].Time < end; next++)
            {
                SilenceUntil(policy, state, Ms(events[next].Time), c, outcomes, alerts);
                state.Lstm.Advance(model, events[next]);
                state.SilenceLevel = 0;
                Score(policy, state, events[next].Time, c, outcomes, alerts);
            }

            SilenceUntil(policy, state, Ms(end), c, outcomes, alerts);
        }

        return alerts;
    }

    private void SilenceUntil(ChurnAlertPolicy policy, ScoringState state, long nowMs, int customer, AlertOutcomes outcomes, List<EvaluatedAlert> alerts)
    {
        while (SilenceSchedule.NextDueMs(state, thresholdDays) is { } dueMs && dueMs < nowMs)
        {
            Score(policy, state, DateTimeOffset.FromUnixTimeMilliseconds(dueMs).UtcDateTime, customer, outcomes, alerts);
            state.SilenceLevel++;
        }
    }

    private void Score(ChurnAlertPolicy policy, ScoringState state, DateTime asOf, int customer, AlertOutcomes outcomes, List<EvaluatedAlert> alerts)
    {
        var scores = state.Lstm.Score(model, asOf, model.Config.HorizonDays, model.Config.ClvHorizonDays);
        var day = DateOnly.FromDateTime(asOf);
        if (policy.Evaluate(state, scores.ChurnProbability, scores.Clv, Ms(asOf)) is not null && outcomes.InWindow(day))
        {
            alerts.Add(new EvaluatedAlert(customer, day));
        }

        state.LastChurn = scores.ChurnProbability;
    }

    private static long Ms(DateTime time) => new DateTimeOffset(time).ToUnixTimeMilliseconds();
}
