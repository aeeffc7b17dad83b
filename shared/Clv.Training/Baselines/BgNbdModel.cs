using Clv.Model.BuyTillYouDie;
using static Clv.Model.BuyTillYouDie.SpecialFunctions;

namespace Clv.Training.Baselines;

/// <summary>
/// The BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting Your Customers the Easy Way"),
/// fitted by maximum likelihood on (x, t_x, T) with time in weeks.
/// </summary>
public sealed class BgNbdModel(BgNbdParameters parameters, FitDiagnostics? diagnostics = null)
{
    public BgNbdParameters Parameters { get; } = parameters;

    /// <summary>How the fit that produced <see cref="Parameters"/> ended; null for parameters given directly.</summary>
    public FitDiagnostics? Diagnostics { get; } = diagnostics;

    /// <summary>
    /// Maximum-likelihood fit by bounded Nelder-Mead on the log-parameters, from r = α = a = b = 1,
    /// each parameter within [1e-6, 1e6]. Data without dropout have their optimum at a -> 0, b -> infinity, where
    /// the likelihood becomes the NBD's (Poisson purchases, Gamma rates) and a simplex crawls along the ridge: so the
    /// two-parameter NBD limit is fitted too, and when the four-parameter fit does not beat it by more than
    /// <see cref="NoDropoutMargin"/> in total log-likelihood after <see cref="RidgeCheckBudget"/> evaluations, the
    /// NBD fit is used with a and b at the bounds of the box (mean dropout 1e-12), reported in <see cref="Diagnostics"/>.
    /// Otherwise the four-parameter fit goes on to the full budget.
    /// </summary>
    public static BgNbdModel Fit(IEnumerable<RfmSummary> customers)
    {
        // Customers with the same (x, t_x, T) contribute the same term: evaluate each once.
        var groups = customers
            .GroupBy(c => (c.Frequency, c.RecencyWeeks, c.AgeWeeks))
            .Select(g => (g.Key.Frequency, g.Key.RecencyWeeks, g.Key.AgeWeeks, Count: g.Count()))
            .ToArray();
        if (groups.Length == 0)
        {
            throw new ArgumentException("BG/NBD needs at least one customer.", nameof(customers));
        }

        var total = groups.Sum(g => g.Count);
        var maxFrequency = groups.Max(g => g.Frequency);
        var perFrequency = new double[maxFrequency + 1];
        var dropoutOdds = new double[maxFrequency + 1];
        double MeanLogLikelihood(double[] p)
        {
            var (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
            // The terms of eq. 6 that depend on x alone, once per distinct x rather than per customer.
            var constant = r * Math.Log(alpha) - LogGamma(r) - LogBeta(a, b);
            for (var x = 0; x <= maxFrequency; x++)
            {
                perFrequency[x] = constant + LogGamma(r + x) + LogBeta(a, b + x);
                dropoutOdds[x] = x == 0 ? double.NaN : Math.Log(a) - Math.Log(b + x - 1);
            }

            var sum = 0.0;
            foreach (var (x, tx, t, count) in groups)
            {
                sum += count * LogLikelihood(perFrequency[x], dropoutOdds[x], r, alpha, x, tx, t);
            }

            return sum / total;
        }

        // The limit p = 0: ln L = ln Γ(r+x) - ln Γ(r) + r ln α - (r+x) ln(α+T).
        double NbdMeanLogLikelihood(double[] p)
        {
            var (r, alpha) = (p[0], p[1]);
            var sum = 0.0;
            foreach (var (x, _, t, count) in groups)
            {
                sum += count * (LogGamma(r + x) - LogGamma(r) + (r * Math.Log(alpha)) - ((r + x) * Math.Log(alpha + t)));
            }

            return sum / total;
        }

        string[] names = ["r", "alpha", "a", "b"];
        var (nbd, nbdFit) = NelderMead.MaximizeOverPositive(NbdMeanLogLikelihood, ["r", "alpha"]);
        var (best, fit) = NelderMead.MaximizeOverPositive(MeanLogLikelihood, names, maxEvaluations: RidgeCheckBudget);
        var gain = (MeanLogLikelihood(best) - NbdMeanLogLikelihood(nbd)) * total;
        if (gain <= NoDropoutMargin)
        {
            var bound = Math.Exp(NelderMead.LogParameterBound);
            var limit = new BgNbdParameters(nbd[0], nbd[1], 1 / bound, bound);
            return new BgNbdModel(limit, new FitDiagnostics(
                nbdFit.Converged,
                nbdFit.Evaluations + fit.Evaluations,
                [FormattableString.Invariant($"a = {limit.A:G3} (lower bound)"), FormattableString.Invariant($"b = {limit.B:G3} (upper bound)")],
                FormattableString.Invariant(
                    $"no dropout in the data: after {fit.Evaluations:N0} evaluations the four-parameter likelihood was {gain:G3} above the NBD limit's (a -> 0, b -> infinity; at most {NoDropoutMargin} counts as none), so r and alpha are the two-parameter NBD fit ({nbdFit.Evaluations:N0} evaluations) and a, b sit at the bounds")));
        }

        if (!fit.Converged)
        {
            var (resumed, resumedFit) = NelderMead.MaximizeOverPositive(MeanLogLikelihood, names, best, NelderMead.DefaultBudget - fit.Evaluations);
            (best, fit) = (resumed, resumedFit with { Evaluations = fit.Evaluations + resumedFit.Evaluations });
        }

        return new BgNbdModel(new BgNbdParameters(best[0], best[1], best[2], best[3]), fit);
    }

    /// <summary>Evaluations the four-parameter fit gets before it is compared with the NBD limit (CDNOW converges in about 630).</summary>
    public const int RidgeCheckBudget = 2_000;

    /// <summary>
    /// Total log-likelihood the four-parameter fit must gain over the NBD limit for the data to count as showing dropout:
    /// a likelihood-ratio statistic of 1, below any test's critical value for the two extra parameters.
    /// </summary>
    public const double NoDropoutMargin = 0.5;

    /// <summary>ln L(r, α, a, b | x, t_x, T), FHL (2005) eq. 6.</summary>
    public double LogLikelihood(int x, double recencyWeeks, double ageWeeks)
    {
        var (r, alpha, a, b) = Parameters;
        var common = LogGamma(r + x) - LogGamma(r) + r * Math.Log(alpha)
                     + LogBeta(a, b + x) - LogBeta(a, b);
        return LogLikelihood(common, x == 0 ? double.NaN : Math.Log(a) - Math.Log(b + x - 1), r, alpha, x, recencyWeeks, ageWeeks);
    }

    // Eq. 6 given its x-only parts: common = ln Γ(r+x) - ln Γ(r) + r ln α + ln B(a, b+x) - ln B(a, b),
    // dropoutOdds = ln a - ln(b+x-1) (unused for x = 0).
    private static double LogLikelihood(double common, double dropoutOdds, double r, double alpha, int x, double recencyWeeks, double ageWeeks)
    {
        var stillAlive = -(r + x) * Math.Log(alpha + ageWeeks);
        if (x == 0)
        {
            return common + stillAlive;
        }

        var droppedAfterLast = dropoutOdds - (r + x) * Math.Log(alpha + recencyWeeks);
        return common + LogSumExp(stillAlive, droppedAfterLast);
    }

    /// <summary>
    /// Churn, expected spend and the spend's P10/P90 over <paramref name="horizonWeeks"/> for a customer whose order
    /// values follow <paramref name="value"/>: P(no purchase), E[Y(t)] E[z], and the quantiles of
    /// <see cref="BgNbdWindowDistribution.WindowValue"/> with the probability the model gives [P10, P90].
    /// </summary>
    public ChurnSpendPrediction PredictWindow(RfmSummary customer, double horizonWeeks, OrderValuePosterior value)
    {
        var (r, alpha, a, b) = Parameters;
        var (x, recency, age) = (customer.Frequency, customer.RecencyWeeks, customer.AgeWeeks);
        var churn = BgNbdPredictions.ProbabilityNoPurchase(r, alpha, a, b, x, recency, age, horizonWeeks);
        var spend = BgNbdPredictions.ExpectedTransactions(r, alpha, a, b, x, recency, age, horizonWeeks) * value.Mean;
        var distribution = BgNbdWindowDistribution.WindowValue(r, alpha, a, b, x, recency, age, horizonWeeks, 0, churn, spend, value);
        var (lower, upper) = (BgNbdGammaGammaModel.LowerQuantile, BgNbdGammaGammaModel.UpperQuantile);
        return new ChurnSpendPrediction(
            churn, spend, SpendP10: distribution.Quantile(lower), SpendP90: distribution.Quantile(upper),
            SpendZeroMass: distribution.ZeroMass);
    }

    /// <summary>P(alive | x, t_x, T), see <see cref="BgNbdPredictions.ProbabilityAlive"/>.</summary>
    public double ProbabilityAlive(RfmSummary customer)
    {
        var (r, alpha, a, b) = Parameters;
        return BgNbdPredictions.ProbabilityAlive(r, alpha, a, b, customer.Frequency, customer.RecencyWeeks, customer.AgeWeeks);
    }

    /// <summary>E[Y(t) | x, t_x, T], see <see cref="BgNbdPredictions.ExpectedTransactions"/>.</summary>
    public double ExpectedTransactions(RfmSummary customer, double horizonWeeks)
    {
        var (r, alpha, a, b) = Parameters;
        return BgNbdPredictions.ExpectedTransactions(r, alpha, a, b, customer.Frequency, customer.RecencyWeeks, customer.AgeWeeks, horizonWeeks);
    }

    /// <summary>Discounted expected purchases in (T, T+t], see <see cref="BgNbdPredictions.DiscountedExpectedTransactions"/>.</summary>
    public double DiscountedExpectedTransactions(RfmSummary customer, double horizonWeeks, double dailyDiscountRate)
    {
        var (r, alpha, a, b) = Parameters;
        return BgNbdPredictions.DiscountedExpectedTransactions(
            r, alpha, a, b, customer.Frequency, customer.RecencyWeeks, customer.AgeWeeks, horizonWeeks, dailyDiscountRate);
    }

    /// <summary>P(no purchase in (T, T+t] | x, t_x, T), see <see cref="BgNbdPredictions.ProbabilityNoPurchase"/>.</summary>
    public double ProbabilityNoPurchase(RfmSummary customer, double horizonWeeks)
    {
        var (r, alpha, a, b) = Parameters;
        return BgNbdPredictions.ProbabilityNoPurchase(r, alpha, a, b, customer.Frequency, customer.RecencyWeeks, customer.AgeWeeks, horizonWeeks);
    }

    private static double LogSumExp(double u, double v)
    {
        var max = Math.Max(u, v);
        return max + Math.Log(Math.Exp(u - max) + Math.Exp(v - max));
    }
}
