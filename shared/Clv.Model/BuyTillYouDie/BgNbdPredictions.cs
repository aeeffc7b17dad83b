using static Clv.Model.BuyTillYouDie.SpecialFunctions;

namespace Clv.Model.BuyTillYouDie;

/// <summary>
/// The BG/NBD predictions (Fader, Hardie &amp; Lee 2005) for parameters (r, α, a, b) and a customer's
/// (x, t_x, T) in weeks: the one implementation behind the backtest baseline and the streaming model kind.
/// Allocation-free.
/// </summary>
public static class BgNbdPredictions
{
    /// <summary>P(alive | x, t_x, T) = 1 / (1 + δ(x&gt;0) a/(b+x-1) ((α+T)/(α+t_x))^(r+x)), FHL (2005) eq. 11 / note on P(alive).</summary>
    public static double ProbabilityAlive(double r, double alpha, double a, double b, int x, double recencyWeeks, double ageWeeks)
    {
        if (x == 0)
        {
            return 1.0;
        }

        var logOdds = Math.Log(a) - Math.Log(b + x - 1)
                      + (r + x) * (Math.Log(alpha + ageWeeks) - Math.Log(alpha + recencyWeeks));
        return 1.0 / (1.0 + Math.Exp(logOdds));
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T], FHL (2005) eq. 10, with its 2F1 rewritten by Euler's transformation
    /// so the series converges fast for every x:
    /// (a+b+x-1)/(a-1) [1 - (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z)] / (1 + δ(x&gt;0) a/(b+x-1) ((α+T)/(α+t_x))^(r+x)),
    /// z = t/(α+T+t).
    /// </summary>
    public static double ExpectedTransactions(double r, double alpha, double a, double b, int x, double recencyWeeks, double ageWeeks, double horizonWeeks)
    {
        if (horizonWeeks <= 0)
        {
            return 0.0;
        }

        var z = horizonWeeks / (alpha + ageWeeks + horizonWeeks);
        var numerator = (a + b + x - 1) / (a - 1) * (1.0 - SilentShare(r, a, b, x, z));
        return numerator * ProbabilityAlive(r, alpha, a, b, x, recencyWeeks, ageWeeks);
    }

    // (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z), which Euler's transformation makes (1-z)^(r+x) 2F1(r+x, b+x; a+b+x-1; z):
    // the first converges fast for every x, but with a in the tens of thousands (a dropout probability the same for
    // everyone) its terms overflow before they fall, where the second's do not. Where the power underflows to 0 while
    // the series stays finite, the true product is below 1e-15, so 0 is exact enough.
    private static double SilentShare(double r, double a, double b, int x, double z)
    {
        var share = Math.Pow(1 - z, a - 1) * Hypergeometric2F1OrNaN(a + b - 1 - r, a - 1, a + b + x - 1, z);
        return double.IsFinite(share) ? share : Math.Pow(1 - z, r + x) * Hypergeometric2F1(r + x, b + x, a + b + x - 1, z);
    }

    /// <summary>
    /// Expected purchases in (T, T+t] discounted continuously at <paramref name="dailyDiscountRate"/>:
    /// ∫₀^t e^(-δ·7s) dE[Y(s)], by the midpoint rule on weekly steps of E[Y] (the discount changes
    /// by under 0.2% within a week at 10% a year).
    /// </summary>
    public static double DiscountedExpectedTransactions(
        double r, double alpha, double a, double b, int x, double recencyWeeks, double ageWeeks, double horizonWeeks, double dailyDiscountRate)
    {
        var steps = Math.Max(1, (int)Math.Ceiling(horizonWeeks));
        var width = horizonWeeks / steps;
        var previous = 0.0;
        var sum = 0.0;
        for (var k = 1; k <= steps; k++)
        {
            var expected = ExpectedTransactions(r, alpha, a, b, x, recencyWeeks, ageWeeks, k * width);
            sum += (expected - previous) * Math.Exp(-dailyDiscountRate * 7 * (k - 0.5) * width);
            previous = expected;
        }

        return sum;
    }

    /// <summary>
    /// P(no purchase in (T, T+t] | x, t_x, T) = (1 - P(alive)) + P(alive) ((α+T)/(α+T+t))^(r+x):
    /// a BG/NBD customer can only drop out right after a purchase, so an alive one who buys
    /// nothing stays alive, and its rate posterior is Gamma(r+x, α+T).
    /// </summary>
    public static double ProbabilityNoPurchase(double r, double alpha, double a, double b, int x, double recencyWeeks, double ageWeeks, double horizonWeeks)
    {
        var alive = ProbabilityAlive(r, alpha, a, b, x, recencyWeeks, ageWeeks);
        var silentWhileAlive = Math.Exp((r + x) * (Math.Log(alpha + ageWeeks) - Math.Log(alpha + ageWeeks + horizonWeeks)));
        return 1.0 - alive + alive * silentWhileAlive;
    }

    /// <summary>
    /// Gamma-Gamma (Fader &amp; Hardie 2013 eq. 5) E[M | x, m̄] = p(γ + x m̄) / (px + q - 1); for x = 0 (no repeat
    /// seen) the population mean pγ / (q - 1).
    /// </summary>
    public static double ExpectedTransactionValue(double p, double q, double gamma, int x, double meanRepeatValue) =>
        OrderValuePosterior.After(p, q, gamma, x, x * meanRepeatValue).Mean;
}
