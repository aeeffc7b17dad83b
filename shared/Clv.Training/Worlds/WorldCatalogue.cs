using Clv.Training.Baselines;

namespace Clv.Training.Worlds;

/// <summary>
/// The worlds of <c>clv worlds</c>. Every one starts from BG/NBD + Gamma-Gamma with CDNOW-like
/// parameters (Fader, Hardie &amp; Lee 2005; Fader &amp; Hardie 2013, rounded) and changes one thing.
/// </summary>
public static class WorldCatalogue
{
    public static readonly BgNbdParameters CdnowPurchases = new(R: 0.24, Alpha: 4.4, A: 0.79, B: 2.4);

    public static readonly GammaGammaParameters CdnowValues = new(P: 6.25, Q: 3.74, Gamma: 15.4);

    public static IReadOnlyList<WorldSpec> All { get; } =
    [
        new("bgnbd", "BG/NBD purchases and Gamma-Gamma values with CDNOW-like parameters: the true model is known", CdnowPurchases, CdnowValues),
        new("no-dropout", "as bgnbd, but nobody ever drops out (p = 0): the purchase counts are NBD", CdnowPurchases with { A = 0 }, CdnowValues),
        new("seasonal", "as bgnbd, the purchase rate following a yearly cycle (x1.8 in mid-December, x0.2 in mid-June)", CdnowPurchases, CdnowValues,
            SeasonalAmplitude: 0.8, SeasonalPeakDay: 348),
        new("spend-trend", "as bgnbd, each customer's order values drifting by exp(g t), g ~ Normal(0, 0.02²) per week", CdnowPurchases, CdnowValues,
            SpendDriftPerWeek: 0.02),
        new("wholesale", "as bgnbd, plus 3% wholesale buyers with half the rate and Pareto order values (minimum 500, tail index 1.5)", CdnowPurchases, CdnowValues,
            WholesaleShare: 0.03, WholesaleRateFactor: 0.5, WholesaleMinimumOrder: 500, WholesaleTailIndex: 1.5),
        new("regime-change", "as bgnbd until 1997-07-01, then every purchase rate x0.4 and every dropout probability x2", CdnowPurchases, CdnowValues,
            RegimeChange: new DateOnly(1997, 7, 1), RegimeRateFactor: 0.4, RegimeDropoutFactor: 2),
    ];

    /// <summary>The world of that name, or null.</summary>
    public static WorldSpec? Find(string name) => All.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));
}
