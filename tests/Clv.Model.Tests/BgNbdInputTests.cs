using Clv.Model.BuyTillYouDie;
using Clv.Model.Data;
using Clv.Model.Features;

namespace Clv.Model.Tests;

/// <summary>
/// The heads' BG/NBD inputs against the model's definition computed another way: P(alive) by Bayes' rule over the
/// generative process (FHL 2005), with the dropout probability p integrated numerically over its Beta(a, b) prior,
/// and the posterior mean purchase rate by numerical integration of λ over its Gamma posterior.
/// </summary>
public sealed class BgNbdInputTests
{
    private static readonly BgNbdPrior Prior = new(R: 1.3, Alpha: 5.5, A: 1.6, B: 3.2, LogitAliveMean: 0.4, LogitAliveStd: 1.7, LogRateMean: -3.1, LogRateStd: 0.9);
    private static readonly DateTime Day0 = new(1997, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(new[] { 0, 14, 30 }, 60)]
    [InlineData(new[] { 0, 3 }, 3)]
    [InlineData(new[] { 0, 7, 14, 21, 28, 35, 42, 49 }, 200)]
    [InlineData(new[] { 0, 100 }, 101)]
    public void LogitAlive_IsBayesRuleOverTheDropoutAndRatePriors(int[] purchaseDays, int asOfDay)
    {
        var (statistics, asOf) = Purchases(purchaseDays, asOfDay);
        var (x, tx, t) = (purchaseDays.Length - 1, purchaseDays[^1] / 7.0, asOfDay / 7.0);

        // Alive: no dropout after any of the x repeat purchases, and no purchase in (t_x, T]. Dead: dropped out right
        // after the last purchase. λ integrates in closed form to (α + s)^-(r+x) (common factors cancel); p numerically.
        var alive = BetaExpectation(p => Math.Pow(1 - p, x)) * Math.Pow(Prior.Alpha + t, -(Prior.R + x));
        var dead = BetaExpectation(p => p * Math.Pow(1 - p, x - 1)) * Math.Pow(Prior.Alpha + tx, -(Prior.R + x));

        Assert.Equal(Math.Log(alive / dead), Prior.LogitAlive(statistics, asOf), 1e-5);
    }

    [Fact]
    public void LogitAlive_WithoutARepeatPurchase_IsClampedCertainty()
    {
        var (statistics, asOf) = Purchases([0], 300);

        Assert.Equal(BgNbdPrior.MaxLogitAlive, Prior.LogitAlive(statistics, asOf));
        Assert.Equal(BgNbdPrior.MaxLogitAlive, Prior.LogitAlive(default, asOf));
    }

    [Theory]
    [InlineData(new[] { 0 }, 10)]
    [InlineData(new[] { 0, 14, 30 }, 60)]
    [InlineData(new[] { 0, 7, 14, 21, 28, 35, 42, 49 }, 200)]
    public void LogRate_IsTheLogPosteriorMeanRatePerDay(int[] purchaseDays, int asOfDay)
    {
        var (statistics, asOf) = Purchases(purchaseDays, asOfDay);
        var (x, t) = (purchaseDays.Length - 1, asOfDay / 7.0);

        // Posterior of λ while alive ∝ λ^(r-1) e^(-αλ) · λ^x e^(-λT); its mean by the midpoint rule, per week -> per day.
        double Density(double lambda) => Math.Pow(lambda, Prior.R - 1 + x) * Math.Exp(-lambda * (Prior.Alpha + t));
        var mean = Integrate(l => l * Density(l), 0, 20) / Integrate(Density, 0, 20);

        Assert.Equal(Math.Log(mean / 7), Prior.LogRate(statistics, asOf), 1e-4);
    }

    [Fact]
    public void Encoder_StandardisesBothWithTheStoredStatistics_AndTheHeadContextCarriesThem()
    {
        var encoder = new FeatureEncoder(FeatureStatistics.Identity with { BgNbd = Prior });
        var (statistics, asOf) = Purchases([0, 14, 30], 60);
        Span<float> context = stackalloc float[FeatureEncoder.HeadContextSize];

        encoder.HeadContext(30, default, statistics, asOf, context);

        Assert.Equal((Prior.LogitAlive(statistics, asOf) - 0.4) / 1.7, context[FeatureEncoder.BgNbdContextOffset], 1e-5);
        Assert.Equal((Prior.LogRate(statistics, asOf) + 3.1) / 0.9, context[FeatureEncoder.BgNbdContextOffset + 1], 1e-5);
    }

    private static (PurchaseDayStatistics Statistics, DateTime AsOf) Purchases(int[] days, int asOfDay)
    {
        var statistics = new PurchaseDayStatistics();
        foreach (var day in days)
        {
            statistics.Add(new CustomerEvent(Day0.AddDays(day).AddHours(10), 25, IsRefund: false));
        }

        return (statistics, Day0.AddDays(asOfDay).AddHours(18));
    }

    // E[f(p)] under Beta(a, b) with a, b > 1 (a smooth density): the midpoint rule on the unnormalised density.
    private static double BetaExpectation(Func<double, double> f)
    {
        double Density(double p) => Math.Pow(p, Prior.A - 1) * Math.Pow(1 - p, Prior.B - 1);
        return Integrate(p => f(p) * Density(p), 0, 1) / Integrate(Density, 0, 1);
    }

    private static double Integrate(Func<double, double> f, double from, double to)
    {
        const int Steps = 200_000;
        var width = (to - from) / Steps;
        var sum = 0.0;
        for (var i = 0; i < Steps; i++)
        {
            sum += f(from + ((i + 0.5) * width));
        }

        return sum * width;
    }
}
