using Clv.Model.Data;

namespace Clv.Model.BuyTillYouDie;

/// <summary>
/// What BG/NBD and Gamma-Gamma need of a customer's history, kept per event in O(1): the number of purchase days,
/// the first and the last (UTC day numbers), the amount of the first day and the summed amount of the repeat days.
/// Purchases on one day are one transaction with their amounts added and refunds do not count, as in the
/// baselines' day grouping, so the statistics equal the batch summary of the same history. A purchase dated
/// before the last purchase day (a late event) is added to the last day: the history is never rescanned.
/// </summary>
public record struct PurchaseDayStatistics(int Days, int FirstDay, int LastDay, double FirstDayValue, double RepeatValue)
{
    private const double DaysPerWeek = 7.0;

    /// <summary>What a stored state must satisfy before it is trusted.</summary>
    public readonly bool IsValid =>
        Days == 0
            ? FirstDay == 0 && LastDay == 0 && FirstDayValue == 0 && RepeatValue == 0
            : Days > 0 && FirstDay <= LastDay && Days - 1 <= LastDay - FirstDay
              && double.IsFinite(FirstDayValue) && FirstDayValue >= 0 && double.IsFinite(RepeatValue) && RepeatValue >= 0
              && (Days > 1 || RepeatValue == 0);

    /// <summary>x: repeat purchase days (the first purchase day excluded).</summary>
    public readonly int Frequency => Math.Max(0, Days - 1);

    /// <summary>t_x: weeks from the first to the last purchase day.</summary>
    public readonly double RecencyWeeks => (LastDay - FirstDay) / DaysPerWeek;

    /// <summary>Mean amount of the repeat days (0 without one), what Gamma-Gamma conditions on.</summary>
    public readonly double MeanRepeatValue => Days > 1 ? RepeatValue / (Days - 1) : 0.0;

    /// <summary>
    /// T: weeks from the first purchase day to the day of <paramref name="asOf"/> (never before the last purchase day);
    /// 0 for a customer without a purchase, who is scored as one whose first purchase is today.
    /// </summary>
    public readonly double AgeWeeks(DateTime asOf) =>
        Days == 0 ? 0.0 : (Math.Max(DayNumber(asOf), LastDay) - FirstDay) / DaysPerWeek;

    /// <summary>Folds in one event: a purchase on a new day is a repeat day, on the last day it adds to that day; a refund changes nothing.</summary>
    public void Add(in CustomerEvent e)
    {
        if (e.IsRefund)
        {
            return;
        }

        var day = DayNumber(e.Time);
        if (Days == 0)
        {
            (Days, FirstDay, LastDay, FirstDayValue) = (1, day, day, e.Amount);
        }
        else if (day > LastDay)
        {
            Days++;
            LastDay = day;
            RepeatValue += e.Amount;
        }
        else if (Days == 1)
        {
            FirstDayValue += e.Amount;
        }
        else
        {
            RepeatValue += e.Amount;
        }
    }

    private static int DayNumber(DateTime time) => DateOnly.FromDateTime(time).DayNumber;
}
