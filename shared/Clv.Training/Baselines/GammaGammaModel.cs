using static Clv.Training.Baselines.SpecialFunctions;

namespace Clv.Training.Baselines;

/// <summary>
/// The Gamma-Gamma model of monetary value (Fader &amp; Hardie 2013), fitted by maximum likelihood
/// on the mean repeat value of customers with at least one repeat purchase.
/// </summary>
public sealed class GammaGammaModel(GammaGammaParameters parameters)
{
    public GammaGammaParameters Parameters { get; } = parameters;

    /// <summary>
    /// Maximum-likelihood fit by Nelder-Mead on the log-parameters, from p = q = γ = 1. Customers
    /// without a repeat purchase, or whose mean repeat value is not positive (the likelihood needs
    /// ln m), carry no information about value and are left out.
    /// </summary>
    public static GammaGammaModel Fit(IEnumerable<RfmSummary> customers)
    {
        var usable = customers
            .Where(IsUsableForFit)
            .Select(c => (c.Frequency, c.MeanRepeatValue))
            .ToArray();
        if (usable.Length == 0)
        {
            throw new ArgumentException("Gamma-Gamma needs at least one customer with a positive repeat value.", nameof(customers));
        }

        double MeanLogLikelihood(double[] p)
        {
            var model = new GammaGammaModel(new GammaGammaParameters(p[0], p[1], p[2]));
            var sum = 0.0;
            foreach (var (x, meanValue) in usable)
            {
                sum += model.LogLikelihood(x, meanValue);
            }

            return sum / usable.Length;
        }

        var best = NelderMead.MaximizeOverPositive(MeanLogLikelihood, 3);
        return new GammaGammaModel(new GammaGammaParameters(best[0], best[1], best[2]));
    }

    /// <summary>Whether a customer enters the fit: at least one repeat day with a positive mean value.</summary>
    public static bool IsUsableForFit(RfmSummary customer) => customer.Frequency > 0 && customer.MeanRepeatValue > 0;

    /// <summary>
    /// ln f(m̄ | x; p, q, γ) = ln Γ(px+q) - ln Γ(px) - ln Γ(q) + q ln γ + (px-1) ln m̄ + px ln x - (px+q) ln(γ + x m̄),
    /// Fader &amp; Hardie (2013) eq. 4.
    /// </summary>
    public double LogLikelihood(int x, double meanValue)
    {
        var (p, q, gamma) = Parameters;
        var px = p * x;
        return LogGamma(px + q) - LogGamma(px) - LogGamma(q) + q * Math.Log(gamma)
               + (px - 1) * Math.Log(meanValue) + px * Math.Log(x) - (px + q) * Math.Log(gamma + x * meanValue);
    }

    /// <summary>
    /// E[M | x, m̄] = p(γ + x m̄) / (px + q - 1), Fader &amp; Hardie (2013) eq. 5; for x = 0 (no repeat
    /// seen) the population mean pγ / (q - 1).
    /// </summary>
    public double ExpectedTransactionValue(RfmSummary customer)
    {
        var (p, q, gamma) = Parameters;
        return customer.Frequency == 0
            ? p * gamma / (q - 1)
            : p * (gamma + customer.Frequency * customer.MeanRepeatValue) / (p * customer.Frequency + q - 1);
    }
}
