using Clv.Model.BuyTillYouDie;

namespace Clv.Model.Features;

/// <summary>
/// A BG/NBD population (r, α, a, b; time in weeks) fitted on the LSTM's training data, and the standardisation of
/// the two heads' inputs it yields per customer: logit P(alive | x, t_x, T) (FHL 2005) and the log of the posterior
/// mean purchase rate while alive, (r + x) / (α + T) per day. Both closed forms, horizon-free.
/// </summary>
public sealed record BgNbdPrior(
    double R,
    double Alpha,
    double A,
    double B,
    double LogitAliveMean,
    double LogitAliveStd,
    double LogRateMean,
    double LogRateStd)
{
    /// <summary>
    /// P(alive) is 1 without a repeat purchase (a BG/NBD customer drops out only after a purchase), an infinite
    /// logit: the logit is clamped to ±8, P(alive) within 3.4e-4 of 0 or 1.
    /// </summary>
    public const double MaxLogitAlive = 8.0;

    private const double DaysPerWeek = 7.0;

    /// <summary>A stand-in for tests and untrained models: r = α = a = b = 1, inputs unscaled.</summary>
    public static BgNbdPrior Uninformative { get; } = new(1, 1, 1, 1, 0, 1, 0, 1);

    public bool IsValid =>
        Positive(R) && Positive(Alpha) && Positive(A) && Positive(B) &&
        double.IsFinite(LogitAliveMean) && Positive(LogitAliveStd) &&
        double.IsFinite(LogRateMean) && Positive(LogRateStd);

    /// <summary>logit P(alive) of a customer with <paramref name="purchaseDays"/> as of <paramref name="asOf"/>, clamped to ±<see cref="MaxLogitAlive"/>.</summary>
    public double LogitAlive(in PurchaseDayStatistics purchaseDays, DateTime asOf)
    {
        var x = purchaseDays.Frequency;
        if (x == 0)
        {
            return MaxLogitAlive;
        }

        // P(alive) = 1 / (1 + odds of having dropped out), odds = a / (b + x - 1) ((α + T) / (α + t_x))^(r + x).
        var logOddsDead = Math.Log(A) - Math.Log(B + x - 1)
                          + (R + x) * (Math.Log(Alpha + purchaseDays.AgeWeeks(asOf)) - Math.Log(Alpha + purchaseDays.RecencyWeeks));
        return Math.Clamp(-logOddsDead, -MaxLogitAlive, MaxLogitAlive);
    }

    /// <summary>ln of the posterior mean purchase rate while alive, (r + x) / (α + T), per day.</summary>
    public double LogRate(in PurchaseDayStatistics purchaseDays, DateTime asOf) =>
        Math.Log((R + purchaseDays.Frequency) / ((Alpha + purchaseDays.AgeWeeks(asOf)) * DaysPerWeek));

    private static bool Positive(double value) => value > 0 && double.IsFinite(value);
}
