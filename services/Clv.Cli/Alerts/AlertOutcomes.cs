namespace Clv.Cli.Alerts;

/// <summary>
/// What happened after each day of the evaluation window, from the transactions alone: scores any rule's alerts
/// (see <see cref="RuleEvaluation"/>). A customer is lost when it bought within 90 days before the calibration
/// end or in the window, and never again up to the holdout end; its value is its spend up to then.
/// </summary>
public sealed class AlertOutcomes
{
    public const int OutcomeDays = 90;

    private readonly DateOnly[][] _days;
    private readonly double[] _baseRate;
    private readonly double[] _lostValue;
    private readonly double _totalLostValue;

    public AlertOutcomes(IReadOnlyList<DateOnly[]> purchaseDays, IReadOnlyList<double> spend, DateOnly calibrationEnd, DateOnly holdoutEnd)
    {
        _days = [.. purchaseDays];
        WindowStart = calibrationEnd;
        WindowEnd = holdoutEnd.AddDays(-OutcomeDays);
        if (WindowEnd <= WindowStart)
        {
            throw new ArgumentException($"The holdout must be longer than {OutcomeDays} days to judge any alert.");
        }

        _baseRate = new double[WindowEnd.DayNumber - WindowStart.DayNumber + 1];
        for (var d = 0; d < _baseRate.Length; d++)
        {
            var day = WindowStart.AddDays(d);
            int known = 0, silent = 0;
            for (var c = 0; c < _days.Length; c++)
            {
                if (_days[c].Length > 0 && _days[c][0] <= day)
                {
                    known++;
                    silent += NoPurchaseAfter(c, day) ? 1 : 0;
                }
            }

            _baseRate[d] = known == 0 ? 0 : (double)silent / known;
        }

        _lostValue = new double[_days.Length];
        for (var c = 0; c < _days.Length; c++)
        {
            var days = _days[c];
            var recentlyActive = Array.Exists(days, d => d > calibrationEnd.AddDays(-OutcomeDays) && d <= WindowEnd);
            var cameBack = Array.Exists(days, d => d > WindowEnd);
            _lostValue[c] = recentlyActive && !cameBack ? spend[c] : 0;
        }

        _totalLostValue = _lostValue.Sum();
    }

    /// <summary>First day alerts are counted (excluded: it is the calibration end).</summary>
    public DateOnly WindowStart { get; }

    /// <summary>Last day alerts are counted: 90 days before the holdout end, so every alert's outcome is known.</summary>
    public DateOnly WindowEnd { get; }

    public int Customers => _days.Length;

    public bool InWindow(DateOnly day) => day > WindowStart && day <= WindowEnd;

    /// <summary>No purchase in (day, day + 90].</summary>
    public bool NoPurchaseAfter(int customer, DateOnly day) =>
        !Array.Exists(_days[customer], d => d > day && d <= day.AddDays(OutcomeDays));

    public RuleEvaluation Evaluate(string rule, string setting, IReadOnlyList<EvaluatedAlert> alerts)
    {
        var correct = 0;
        var baseRate = 0.0;
        var leads = new List<double>();
        var covered = new HashSet<int>();
        foreach (var alert in alerts)
        {
            baseRate += _baseRate[alert.Day.DayNumber - WindowStart.DayNumber];
            covered.Add(alert.Customer);
            if (NoPurchaseAfter(alert.Customer, alert.Day))
            {
                correct++;
                var last = Array.FindLast(_days[alert.Customer], d => d <= alert.Day);
                leads.Add(last.AddDays(OutcomeDays).DayNumber - alert.Day.DayNumber);
            }
        }

        var n = alerts.Count;
        var precision = n == 0 ? double.NaN : (double)correct / n;
        var meanBase = n == 0 ? double.NaN : baseRate / n;
        var years = (WindowEnd.DayNumber - WindowStart.DayNumber) / 365.0;
        leads.Sort();
        return new RuleEvaluation(
            rule,
            setting,
            n,
            n / (double)Customers / years,
            precision,
            meanBase,
            precision / meanBase,
            leads.Count == 0 ? double.NaN : leads[leads.Count / 2],
            _totalLostValue == 0 ? double.NaN : covered.Sum(c => _lostValue[c]) / _totalLostValue);
    }
}
