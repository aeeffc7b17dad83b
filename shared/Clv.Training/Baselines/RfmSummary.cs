namespace Clv.Training.Baselines;

/// <summary>
/// Recency-frequency-monetary summary of a customer at a cutoff, in the BG/NBD conventions
/// (Fader, Hardie &amp; Lee 2005): <see cref="Frequency"/> x = repeat purchase days (the first
/// purchase day excluded), <see cref="RecencyWeeks"/> t_x = weeks from the first to the last
/// purchase day, <see cref="AgeWeeks"/> T = weeks from the first purchase day to the cutoff,
/// <see cref="MeanRepeatValue"/> = mean daily amount over the repeat days (0 when x = 0).
/// </summary>
public readonly record struct RfmSummary(int Frequency, double RecencyWeeks, double AgeWeeks, double MeanRepeatValue, double TotalValue)
{
    private const double DaysPerWeek = 7.0;

    /// <summary>Mean amount over every purchase day, the first included.</summary>
    public double MeanValue => TotalValue / (Frequency + 1);

    /// <summary>The summary from the purchase days on or before <paramref name="cutoff"/>; null when there are none.</summary>
    public static RfmSummary? At(CustomerPurchaseDays customer, DateOnly cutoff)
    {
        var days = customer.Days;
        if (days.Count == 0 || days[0] > cutoff)
        {
            return null;
        }

        var first = days[0];
        var last = first;
        var total = customer.Amounts[0];
        var repeatTotal = 0.0;
        var repeats = 0;
        for (var i = 1; i < days.Count && days[i] <= cutoff; i++)
        {
            last = days[i];
            repeats++;
            repeatTotal += customer.Amounts[i];
            total += customer.Amounts[i];
        }

        return new RfmSummary(
            repeats,
            (last.DayNumber - first.DayNumber) / DaysPerWeek,
            (cutoff.DayNumber - first.DayNumber) / DaysPerWeek,
            repeats == 0 ? 0.0 : repeatTotal / repeats,
            total);
    }
}
