using Clv.Model.BuyTillYouDie;
using static Clv.Model.BuyTillYouDie.SpecialFunctions;

namespace Clv.Training.Baselines;

/// <summary>
/// The Gamma-Gamma model of monetary value (Fader &amp; Hardie 2013), fitted by maximum likelihood
/// on the mean repeat value of customers with at least one repeat purchase.
/// </summary>
public sealed class GammaGammaModel(GammaGammaParameters parameters, FitDiagnostics? diagnostics = null)
{
    public GammaGammaParameters Parameters { get; } = parameters;

    /// <summary>How the fit that produced <see cref="Parameters"/> ended; null for parameters given directly.</summary>
    public FitDiagnostics? Diagnostics { get; } = diagnostics;

    /// <summary>
    /// Maximum-likelihood fit by bounded Nelder-Mead on the log-parameters (each within [1e-6, 1e6],
    /// a fixed evaluation budget), from p = q = γ = 1; customers with equal (x, m̄) are evaluated once. Customers
    /// without a repeat purchase, or whose mean repeat value is not positive (the likelihood needs
    /// ln m), carry no information about value and are left out.
    /// </summary>
    public static GammaGammaModel Fit(IEnumerable<RfmSummary> customers)
    {
        var usable = customers
            .Where(IsUsableForFit)
            .GroupBy(c => (c.Frequency, c.MeanRepeatValue))
            .Select(g => (g.Key.Frequency, g.Key.MeanRepeatValue, Count: g.Count()))
            .ToArray();
        if (usable.Length == 0)
        {
            throw new ArgumentException("Gamma-Gamma needs at least one customer with a positive repeat value.", nameof(customers));
        }

        var total = usable.Sum(u => u.Count);
        double MeanLogLikelihood(double[] p)
        {
            var model = new GammaGammaModel(new GammaGammaParameters(p[0], p[1], p[2]));
            var sum = 0.0;
            foreach (var (x, meanValue, count) in usable)
            {
                sum += count * model.LogLikelihood(x, meanValue);
            }

            return sum / total;
        }

        var (best, fit) = NelderMead.MaximizeOverPositive(MeanLogLikelihood, ["p", "q", "gamma"]);
        return new GammaGammaModel(new GammaGammaParameters(best[0], best[1], best[2]), fit);
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

    /// <summary>The belief about the customer's order values after its x repeat days (the first day left out, as in the fit).</summary>
    public OrderValuePosterior Posterior(RfmSummary customer)
    {
        var (p, q, gamma) = Parameters;
        return OrderValuePosterior.After(p, q, gamma, customer.Frequency, customer.Frequency * customer.MeanRepeatValue);
    }

    /// <summary>E[M | x, m̄], see <see cref="BgNbdPredictions.ExpectedTransactionValue"/>.</summary>
    public double ExpectedTransactionValue(RfmSummary customer)
    {
        var (p, q, gamma) = Parameters;
        return BgNbdPredictions.ExpectedTransactionValue(p, q, gamma, customer.Frequency, customer.MeanRepeatValue);
    }
}
