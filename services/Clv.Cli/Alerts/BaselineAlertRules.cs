using Clv.Training.Baselines;

namespace Clv.Cli.Alerts;

/// <summary>
/// The two rules practitioners use, as alerts in event time: a plain recency rule (alert when a customer has
/// not bought for N days, once per silent spell) and BG/NBD's P(alive) below a threshold (fitted on the
/// calibration period, re-evaluated every day with the purchases known that day; alert on the first day of a
/// spell it is below the threshold). BG/NBD gives a customer without a repeat purchase P(alive) = 1: never alerted.
/// </summary>
public sealed class BaselineAlertRules
{
    private readonly IReadOnlyList<DateOnly[]> _days;
    private readonly AlertOutcomes _outcomes;
    private readonly float[][] _alive;

    public BaselineAlertRules(IReadOnlyList<CustomerPurchaseDays> customers, BgNbdModel bgNbd, AlertOutcomes outcomes)
    {
        _days = [.. customers.Select(c => c.Days.ToArray())];
        _outcomes = outcomes;
        // P(alive) per customer for each day from the calibration end (index 0, before the window) to the window end.
        var length = outcomes.WindowEnd.DayNumber - outcomes.WindowStart.DayNumber + 1;
        _alive = new float[customers.Count][];
        for (var c = 0; c < customers.Count; c++)
        {
            _alive[c] = new float[length];
            for (var d = 0; d < length; d++)
            {
                _alive[c][d] = RfmSummary.At(customers[c], outcomes.WindowStart.AddDays(d)) is { } rfm ? (float)bgNbd.ProbabilityAlive(rfm) : 1f;
            }
        }
    }

    public List<EvaluatedAlert> Recency(int days)
    {
        var alerts = new List<EvaluatedAlert>();
        for (var c = 0; c < _days.Count; c++)
        {
            var purchases = _days[c];
            for (var i = 0; i < purchases.Length; i++)
            {
                var due = purchases[i].AddDays(days);
                if ((i + 1 == purchases.Length || due < purchases[i + 1]) && _outcomes.InWindow(due))
                {
                    alerts.Add(new EvaluatedAlert(c, due));
                }
            }
        }

        return alerts;
    }

    public List<EvaluatedAlert> BgNbd(double aliveBelow)
    {
        var alerts = new List<EvaluatedAlert>();
        for (var c = 0; c < _days.Count; c++)
        {
            var alive = _alive[c];
            var purchases = _days[c];
            var alerted = alive[0] < aliveBelow; // already below at the calibration end: alerted before the window
            for (var d = 1; d < alive.Length; d++)
            {
                var day = _outcomes.WindowStart.AddDays(d);
                if (Array.IndexOf(purchases, day) >= 0)
                {
                    alerted = false; // a purchase starts a new spell
                }

                if (!alerted && alive[d] < aliveBelow)
                {
                    alerts.Add(new EvaluatedAlert(c, day));
                    alerted = true;
                }
            }
        }

        return alerts;
    }
}
