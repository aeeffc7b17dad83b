using Clv.Model.BuyTillYouDie;
using Clv.Model.Data;

namespace Clv.Model.Tests.BuyTillYouDie;

/// <summary>
/// BG/NBD's expected purchases where its hypergeometric series is hardest: a customer scored at the first purchase
/// (T = 0) when the fitted α (weeks) is small against the horizon, as for customers who buy every day. There
/// z = t / (α + T + t) is within 1e-4 of 1 and the power series needed hundreds of thousands of terms (it threw after
/// 100,000). The oracle integrates the model directly: given alive, E[Y(t) | λ, p] = (1 - e^(-λpt)) / p, over
/// λ ~ Gamma(r + x, α + T) that is (1 - (1 + pt/(α+T))^-(r+x)) / p, then over p ~ Beta(a, b + x) by quadrature.
/// </summary>
public sealed class BgNbdPredictionsTests
{
    private const double YearWeeks = 365 / 7.0;

    public static TheoryData<double, double, double, double, int, double, double> Cases => new()
    {
        // r, α, a, b, x, t_x, T
        { 1.0, 1e-3, 0.5, 3.0, 0, 0, 0 },
        { 0.5, 1e-2, 0.2, 0.5, 0, 0, 0 },
        { 2.0, 0.3, 1.5, 10.0, 3, 0.5, 0.5 },
        { 0.243, 4.414, 0.793, 2.426, 0, 0, 0 },
        { 0.243, 4.414, 0.793, 2.426, 4, 20, 38 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExpectedTransactions_EqualsTheModelIntegratedOverTheDropoutProbability(double r, double alpha, double a, double b, int x, double recency, double age)
    {
        var expected = ProbabilityAlive(r, alpha, a, b, x, recency, age) * AliveExpectedCount(r + x, YearWeeks / (alpha + age), a, b + x);

        var actual = BgNbdPredictions.ExpectedTransactions(r, alpha, a, b, x, recency, age, YearWeeks);

        Assert.True(Math.Abs(actual - expected) <= 1e-6 * expected, $"expected {expected:R}, got {actual:R}");
    }

    /// <summary>
    /// The NBD limit the fit ends in on data without dropout (a = 1e-6, b = 1e6, the fit's bounds): E[Y(t)] is then
    /// (r + x) t / (α + T), the Poisson count of a Gamma-mixed rate. At T = 0 and a year, z = 0.92, beyond the power
    /// series' limit, where the connection formula's series overflow (b = 1e6): `clv worlds` stopped on `no-dropout`.
    /// </summary>
    [Theory]
    [InlineData(0, 0.0, 0.0)]
    [InlineData(3, 2.0, 4.0)]
    public void ExpectedTransactions_InTheNbdLimit_IsTheNbdMean(int x, double recency, double age)
    {
        const double r = 0.24, alpha = 4.4;
        var expected = (r + x) * YearWeeks / (alpha + age);

        var actual = BgNbdPredictions.ExpectedTransactions(r, alpha, 1e-6, 1e6, x, recency, age, YearWeeks);

        Assert.True(Math.Abs(actual - expected) <= 1e-4 * expected, $"expected {expected:R}, got {actual:R}");
    }

    /// <summary>
    /// A dropout probability the same for everyone (a and b in the hundreds of thousands, as a BG/NBD fit on 300
    /// generated customers gave): p is then a/(a+b) for all, and E[Y(t)] = E over λ of (1 - e^(-λpt)) / p =
    /// (1 - (1 + pt/α)^-r) / p for a first purchase. The Euler-transformed series overflowed there (`clv worlds` stopped).
    /// </summary>
    [Fact]
    public void ExpectedTransactions_WithAlmostNoDropoutHeterogeneity_IsTheFixedDropoutMean()
    {
        const double r = 0.3, alpha = 2.0, a = 66_852, b = 708_087, horizonWeeks = 5.0;
        var p = a / (a + b);
        var expected = (1 - Math.Pow(1 + (p * horizonWeeks / alpha), -r)) / p;

        var actual = BgNbdPredictions.ExpectedTransactions(r, alpha, a, b, 0, 0, 0, horizonWeeks);

        Assert.True(Math.Abs(actual - expected) <= 1e-4 * expected, $"expected {expected:R}, got {actual:R}");
    }

    [Fact]
    public void AFirstPurchase_UnderASmallAlpha_IsScoredWithFiniteOrderedIntervals()
    {
        var parameters = new BuyTillYouDieParameters(1.0, 1e-3, 0.5, 3.0, 6.25, 3.74, 15.44);
        var model = new BgNbdGammaGammaModel("small-alpha", parameters, 90, 365, 0.10, TrainingMetadata.Untrained);
        var first = new CustomerEvent(new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc), 42.0, IsRefund: false);
        var state = new CustomerState(model.HiddenSize);
        state.Advance(model, first);

        var scores = state.Score(model, first.Time, model.HorizonDays, model.ClvHorizonDays);

        var purchases = BgNbdPredictions.ExpectedTransactions(1.0, 1e-3, 0.5, 3.0, 0, 0, 0, 90 / 7.0);
        Assert.Equal(purchases * BgNbdPredictions.ExpectedTransactionValue(6.25, 3.74, 15.44, 0, 0), scores.ExpectedSpend, 1e-9 * scores.ExpectedSpend);
        foreach (var (mean, p10, p90) in new[] { (scores.ExpectedSpend, scores.SpendP10, scores.SpendP90), (scores.Clv, scores.ClvP10, scores.ClvP90) })
        {
            Assert.True(double.IsFinite(mean) && double.IsFinite(p10) && double.IsFinite(p90), $"{mean} {p10} {p90}");
            Assert.InRange(p10, 0, p90);
        }
    }

    // FHL (2005): P(alive | x, t_x, T) = 1 / (1 + δ(x>0) a/(b+x-1) ((α+T)/(α+t_x))^(r+x)).
    private static double ProbabilityAlive(double r, double alpha, double a, double b, int x, double recency, double age) =>
        x == 0 ? 1 : 1 / (1 + (a / (b + x - 1) * Math.Pow((alpha + age) / (alpha + recency), r + x)));

    // E over p ~ Beta(a, b) of (1 - (1 + p τ)^-shape) / p, on s = logit(p) (dp = p(1-p) ds) by the trapezoidal rule, which
    // converges fast for a smooth integrand that decays exponentially at both ends; normalised by the same rule.
    private static double AliveExpectedCount(double shape, double tau, double a, double b)
    {
        const double step = 0.005;
        var lowest = -(Math.Log(shape * tau) + 45) / a;
        var highest = 45 / b;
        var steps = (int)((highest - lowest) / step);
        double mass = 0, integral = 0;
        for (var i = 0; i <= steps; i++)
        {
            var s = lowest + (i * step);
            var logP = -Math.Log(1 + Math.Exp(-s));
            var logQ = -Math.Log(1 + Math.Exp(s));
            var density = Math.Exp((a * logP) + (b * logQ));
            var p = Math.Exp(logP);
            mass += density;
            // For p τ below 1e-6, 1 - (1 + pτ)^-shape by its series (the subtraction would lose the digits).
            var u = p * tau;
            integral += density * (u < 1e-6 ? shape * tau * (1 - (0.5 * (shape + 1) * u)) : (1 - Math.Pow(1 + u, -shape)) / p);
        }

        return integral / mass;
    }
}
