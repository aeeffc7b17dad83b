using Clv.Model;
using Clv.Training.Baselines;
using Clv.Model.Data;

namespace Clv.Training.Backtesting;

/// <summary>
/// Churn and CLV day by day for three typical customers picked from calibration data alone: a
/// regular buyer (at least 5 purchase days, the last within 30 days of the calibration end, the
/// steadiest gaps), a lapsing one (at least 3 purchase days, none in the last 120 days) and a
/// one-off buyer (a single purchase day in the first 30 days). Ties go to the smallest customer id.
/// </summary>
public static class CustomerTrajectories
{
    public static IReadOnlyList<CustomerTrajectory> OfTypicalCustomers(
        MtlLstmModel model,
        BgNbdGammaGammaBaseline buyTillYouDie,
        IReadOnlyList<CustomerHistory> calibrationHistories,
        IReadOnlyList<CustomerPurchaseDays> calibrationDays,
        BacktestOptions options)
    {
        var end = options.CalibrationEnd;
        var start = calibrationDays.Where(c => c.Days.Count > 0).Select(c => c.Days[0]).DefaultIfEmpty(end).Min();
        var candidates = Enumerable.Range(0, calibrationDays.Count).Where(i => calibrationDays[i].Days.Count > 0)
            .OrderBy(i => calibrationDays[i].CustomerId, StringComparer.Ordinal).ToArray();
        int? Pick(Func<IReadOnlyList<DateOnly>, bool> fits, Func<IReadOnlyList<DateOnly>, double> rank) =>
            candidates.Where(i => fits(calibrationDays[i].Days)).OrderBy(i => rank(calibrationDays[i].Days)).Cast<int?>().FirstOrDefault();

        var picks = new (string Kind, int? Index)[]
        {
            ("regular", Pick(d => d.Count >= 5 && end.DayNumber - d[^1].DayNumber <= 30, GapVariation)),
            ("lapsing", Pick(d => d.Count >= 3 && end.DayNumber - d[^1].DayNumber > 120, _ => 0)),
            ("one-off", Pick(d => d.Count == 1 && d[0].DayNumber - start.DayNumber <= 30, _ => 0)),
        };
        return picks.Where(p => p.Index is not null)
            .Select(p => Trajectory(p.Kind, model, buyTillYouDie, calibrationHistories[p.Index!.Value], calibrationDays[p.Index.Value], options))
            .ToArray();
    }

    private static CustomerTrajectory Trajectory(string kind, MtlLstmModel model, BgNbdGammaGammaBaseline buyTillYouDie, CustomerHistory history, CustomerPurchaseDays days, BacktestOptions options)
    {
        var state = new CustomerState(model.Config.HiddenSize);
        var points = new List<TrajectoryPoint>();
        var next = 0;
        for (var day = days.Days[0]; day <= options.CalibrationEnd; day = day.AddDays(1))
        {
            var endOfDay = day.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
            for (; next < history.Events.Length && history.Events[next].Time <= endOfDay; next++)
            {
                state.Advance(model, history.Events[next]);
            }

            var lstm = state.Score(model, endOfDay, options.HoldoutDays, model.Config.ClvHorizonDays);
            var summary = RfmSummary.At(days, day)!.Value;
            var bgNbdChurn = buyTillYouDie.Transactions.ProbabilityNoPurchase(summary, options.HoldoutDays / 7.0);
            var bgNbdClv = buyTillYouDie.Clv(summary, model.Config.ClvHorizonDays, model.Config.AnnualDiscountRate);
            points.Add(new TrajectoryPoint(day, lstm.ChurnProbability, lstm.Clv, bgNbdChurn, bgNbdClv));
        }

        return new CustomerTrajectory(kind, history.CustomerId, days.Days, points);
    }

    // Coefficient of variation of the gaps between purchase days: 0 for a perfectly regular buyer.
    private static double GapVariation(IReadOnlyList<DateOnly> days)
    {
        var gaps = days.Zip(days.Skip(1), (a, b) => (double)(b.DayNumber - a.DayNumber)).ToArray();
        var mean = gaps.Average();
        return Math.Sqrt(gaps.Average(g => (g - mean) * (g - mean))) / mean;
    }
}
