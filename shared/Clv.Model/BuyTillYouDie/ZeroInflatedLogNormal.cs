using Clv.Model.Network;

namespace Clv.Model.BuyTillYouDie;

/// <summary>
/// A window's value as an atom at zero (<see cref="ZeroMass"/>, no purchase) and, given a purchase, a lognormal
/// (<see cref="LogMean"/>, <see cref="LogSigma"/>) matched to the first two moments of the positive part:
/// the shape of the MTL-LSTM's spend head, here with moments from BG/NBD + Gamma-Gamma.
/// </summary>
public readonly record struct ZeroInflatedLogNormal(double ZeroMass, double LogMean, double LogSigma)
{
    /// <summary>Smallest log-variance the match returns, so a window whose positive part is (nearly) one value stays a distribution.</summary>
    private const double MinimumLogVariance = 1e-12;

    /// <summary>
    /// The distribution with P(0) = <paramref name="zeroMass"/>, mean <paramref name="mean"/> and second moment
    /// <paramref name="secondMoment"/>: given a purchase, m₁ = mean / (1 - P0), m₂ = secondMoment / (1 - P0),
    /// σ² = ln(m₂ / m₁²), μ = ln m₁ - σ²/2.
    /// </summary>
    public static ZeroInflatedLogNormal Match(double zeroMass, double mean, double secondMoment)
    {
        var positive = 1 - zeroMass;
        if (!(positive > 0) || !(mean > 0))
        {
            return new ZeroInflatedLogNormal(1, double.NegativeInfinity, 0);
        }

        var m1 = mean / positive;
        var m2 = secondMoment / positive;
        var logVariance = Math.Max(MinimumLogVariance, Math.Log(m2 / (m1 * m1)));
        return new ZeroInflatedLogNormal(zeroMass, Math.Log(m1) - (0.5 * logVariance), Math.Sqrt(logVariance));
    }

    /// <summary>The q-quantile: 0 while q is within the zero mass, else exp(μ + σ Φ⁻¹((q - P0) / (1 - P0))).</summary>
    public double Quantile(double q) =>
        q <= ZeroMass ? 0 : Math.Exp(LogMean + (LogSigma * StandardNormal.InverseCdf((q - ZeroMass) / (1 - ZeroMass))));
}
