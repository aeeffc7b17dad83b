namespace Clv.Model.BuyTillYouDie;

/// <summary>
/// Gamma-Gamma's belief about a customer's order values: each order ~ Gamma(<see cref="Shape"/> p, rate ν) with
/// ν ~ Gamma(<see cref="RateShape"/>, <see cref="RateRate"/>) (the prior q, γ, or the posterior q + p n, γ + Σz after n orders).
/// </summary>
public readonly record struct OrderValuePosterior(double Shape, double RateShape, double RateRate)
{
    /// <summary>
    /// Below this shape of ν the second moment of an order value (it needs RateShape &gt; 2) is infinite or so large that a
    /// two-moment interval is meaningless; the interval then uses this shape, a tail too thin rather than none.
    /// </summary>
    public const double MinimumShapeForSecondMoment = 2.5;

    /// <summary>
    /// After <paramref name="orders"/> orders worth <paramref name="total"/> in all: ν | orders ~ Gamma(q + p n, γ + Σz)
    /// (Fader &amp; Hardie 2013); with no order, the population prior.
    /// </summary>
    public static OrderValuePosterior After(double p, double q, double gamma, int orders, double total) =>
        new(p, q + (p * orders), gamma + total);

    /// <summary>E[z] = p E[1/ν] = p RateRate / (RateShape - 1).</summary>
    public double Mean => Shape * RateRate / (RateShape - 1);

    /// <summary>
    /// E[1/ν²] = RateRate² / ((RateShape - 1)(RateShape - 2)): E[zᵢ zⱼ] = p² of it for two orders, E[z²] = p (p + 1) of it
    /// (RateShape floored at <see cref="MinimumShapeForSecondMoment"/>).
    /// </summary>
    public double InverseRateSecondMoment
    {
        get
        {
            var shape = Math.Max(RateShape, MinimumShapeForSecondMoment);
            return RateRate * RateRate / ((shape - 1) * (shape - 2));
        }
    }
}
