using System.Globalization;
using Clv.Model;
using Clv.Model.Data;

namespace Clv.ModelLifecycle;

/// <summary>
/// A fixed set of synthetic customer histories that every candidate model scores before it may serve.
/// It catches weights that load but answer nonsense: non-finite outputs, probabilities outside [0, 1],
/// negative spend, a P10/P90 interval that is upside down or nowhere near its mean, or a score that cannot be
/// computed at all (a BG/NBD series that does not converge for the fitted parameters). Each probe is scored at its
/// last event, as the scorer scores every event (for the one-event probes that is a customer of age 0, where
/// BG/NBD's series are hardest), and after a silence, as the recency sweeper does.
/// </summary>
public static class CanaryProbe
{
    public const int Customers = 24;

    // A mean beyond this multiple of P90 means an exploded spend distribution rather than a heavy tail.
    private const double MaxMeanOverP90 = 50;

    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly CustomerEvent[][] Histories = BuildHistories();

    /// <summary>
    /// Scores every probe customer at the horizons the scorer will ask for (0 takes the model's own, as
    /// <c>Workers:HorizonDays</c> does); returns null when all outputs are sane, else what was wrong with which probe.
    /// </summary>
    public static string? Check(ScoringModel model, int horizonDays = 0, int clvHorizonDays = 0)
    {
        var horizons = (Spend: horizonDays > 0 ? horizonDays : model.HorizonDays, Clv: clvHorizonDays > 0 ? clvHorizonDays : model.ClvHorizonDays);
        for (var i = 0; i < Histories.Length; i++)
        {
            var events = Histories[i];
            foreach (var asOf in (ReadOnlySpan<DateTime>)[events[^1].Time, events[^1].Time.AddDays(1 + (i * 11 % 90))])
            {
                var failure = Failure(model, events, asOf, horizons);
                if (failure is not null)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"canary probe {i} ({events.Length} events): {failure}");
                }
            }
        }

        return null;
    }

    private static string? Failure(ScoringModel model, CustomerEvent[] events, DateTime asOf, (int Spend, int Clv) horizons)
    {
        try
        {
            return Failure(CustomerState.ScoreSequence(model, events, asOf, horizons.Spend, horizons.Clv));
        }
        catch (ArithmeticException e)
        {
            return Text($"could not be scored {(asOf - events[^1].Time).TotalDays:0} days after its last event: {e.Message}");
        }
    }

    private static string? Failure(in ModelScores s)
    {
        if (!double.IsFinite(s.ChurnProbability) || s.ChurnProbability is < 0 or > 1)
        {
            return Text($"churn probability {s.ChurnProbability} is not a probability");
        }

        return Interval("spend", s.ExpectedSpend, s.SpendP10, s.SpendP90) ?? Interval("CLV", s.Clv, s.ClvP10, s.ClvP90);
    }

    private static string? Interval(string name, double mean, double p10, double p90)
    {
        if (!double.IsFinite(mean) || !double.IsFinite(p10) || !double.IsFinite(p90))
        {
            return Text($"{name} mean {mean}, P10 {p10}, P90 {p90} are not all finite");
        }

        if (mean < 0 || p10 < 0)
        {
            return Text($"{name} mean {mean} or P10 {p10} is negative");
        }

        if (p10 > p90)
        {
            return Text($"{name} P10 {p10} is above P90 {p90}");
        }

        // The mean of a zero-inflated lognormal may sit outside [P10, P90] (heavy tail, large zero mass),
        // but not by orders of magnitude.
        return mean > MaxMeanOverP90 * Math.Max(p90, 1)
            ? Text($"{name} mean {mean} is far above P90 {p90}")
            : null;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // Deterministic spread of history lengths, gaps, amounts and the odd refund, so every part of the
    // encoder is exercised.
    private static CustomerEvent[][] BuildHistories()
    {
        var histories = new CustomerEvent[Customers][];
        for (var i = 0; i < Customers; i++)
        {
            var events = new CustomerEvent[1 + (i % 12) + (i / 12 * 20)];
            var time = Start.AddDays(i * 3);
            for (var j = 0; j < events.Length; j++)
            {
                time = time.AddDays(j == 0 ? 0 : 1 + ((i * 7 + j * 13) % 60));
                var amount = 5 + ((i * 31 + j * 17) % 200) + 0.25 * (j % 4);
                events[j] = new CustomerEvent(time, amount, IsRefund: (i + j) % 9 == 8);
            }

            histories[i] = events;
        }

        return histories;
    }
}
