using Clv.Training.Baselines;

namespace Clv.Training.Worlds;

/// <summary>
/// A generated world: customers as BG/NBD + Gamma-Gamma draws them (<see cref="Purchases"/>,
/// <see cref="Values"/>), optionally bent in ways BG/NBD cannot express. Time runs in weeks from
/// <see cref="Start"/>; each customer's first purchase is uniform in the first <see cref="CohortDays"/>
/// (one acquisition cohort, as CDNOW's), and purchases are drawn until the day after <see cref="HoldoutEnd"/>.
/// The equations of every modifier are in docs/worlds.md.
/// </summary>
/// <param name="Purchases">λ ~ Gamma(r, α) per week; dropout p ~ Beta(a, b) after each repeat purchase; a = 0: nobody drops out.</param>
/// <param name="Values">Order value ~ Gamma(p, ν), ν ~ Gamma(q, γ) per customer.</param>
/// <param name="SeasonalAmplitude">A in λ(t) = λ (1 + A cos(2π (day of year - peak) / 365.25)); 0 for none.</param>
/// <param name="SeasonalPeakDay">The day of the year (0 = 1 January) where the purchase rate peaks.</param>
/// <param name="SpendDriftPerWeek">σ_g: each customer's order values are multiplied by exp(g (t - t₀)), g ~ Normal(0, σ_g²) per week.</param>
/// <param name="WholesaleShare">Share of customers who are wholesale buyers: rate λ·<paramref name="WholesaleRateFactor"/>, order values Pareto(<paramref name="WholesaleMinimumOrder"/>, <paramref name="WholesaleTailIndex"/>).</param>
/// <param name="RegimeChange">From this day on, every rate is multiplied by <paramref name="RegimeRateFactor"/> and every dropout probability by <paramref name="RegimeDropoutFactor"/> (capped at 1).</param>
public sealed record WorldSpec(
    string Name,
    string Description,
    BgNbdParameters Purchases,
    GammaGammaParameters Values,
    double SeasonalAmplitude = 0,
    int SeasonalPeakDay = 0,
    double SpendDriftPerWeek = 0,
    double WholesaleShare = 0,
    double WholesaleRateFactor = 1,
    double WholesaleMinimumOrder = 0,
    double WholesaleTailIndex = 0,
    DateOnly? RegimeChange = null,
    double RegimeRateFactor = 1,
    double RegimeDropoutFactor = 1)
{
    public DateOnly Start { get; init; } = new(1997, 1, 1);

    public int CohortDays { get; init; } = 84;

    public DateOnly CalibrationEnd { get; init; } = new(1997, 9, 30);

    public DateOnly HoldoutEnd { get; init; } = new(1998, 6, 30);

    public bool HasDropout => Purchases.A > 0;

    /// <summary>
    /// Whether BG/NBD + Gamma-Gamma with the generating parameters is the true model of this world: no modifier.
    /// Without dropout (a = 0) it is BG/NBD's NBD limit, which its formulas reach at a = 0 (see <see cref="WorldOracle"/>).
    /// </summary>
    public bool IsBgNbdGammaGamma =>
        SeasonalAmplitude == 0 && SpendDriftPerWeek == 0 && WholesaleShare == 0 && RegimeChange is null;

    /// <summary>Weeks from <see cref="Start"/> to the end of the holdout's last day: every purchase is before it.</summary>
    public double EndWeeks => (HoldoutEnd.DayNumber + 1 - Start.DayNumber) / 7.0;

    /// <summary>The weeks from <see cref="Start"/> at which the regime changes, or infinity.</summary>
    public double RegimeChangeWeeks => RegimeChange is { } change ? (change.DayNumber - Start.DayNumber) / 7.0 : double.PositiveInfinity;

    /// <summary>What the rate of every customer is multiplied by at <paramref name="weeks"/> (season and regime).</summary>
    public double RateMultiplier(double weeks)
    {
        var season = 1 + (SeasonalAmplitude * Math.Cos(2 * Math.PI * ((weeks * 7) - SeasonalPeakDay) / 365.25));
        return weeks >= RegimeChangeWeeks ? season * RegimeRateFactor : season;
    }

    /// <summary>The largest value <see cref="RateMultiplier"/> takes: the bound of the thinning.</summary>
    public double MaximumRateMultiplier => (1 + SeasonalAmplitude) * Math.Max(1, RegimeChange is null ? 1 : RegimeRateFactor);
}
