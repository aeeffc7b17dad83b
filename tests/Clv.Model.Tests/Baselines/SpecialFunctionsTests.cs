using Clv.Model.BuyTillYouDie;

namespace Clv.Model.Tests.Baselines;

public class SpecialFunctionsTests
{
    [Theory]
    [InlineData(0.5, 0.5723649429247001)] // ln √π
    [InlineData(1.0, 0.0)]
    [InlineData(10.0, 12.801827480081469)] // ln 9!
    [InlineData(0.1, 2.252712651734206)]
    public void LogGamma_MatchesKnownValues(double x, double expected) =>
        Assert.Equal(expected, SpecialFunctions.LogGamma(x), 1e-12);

    [Fact]
    public void Hypergeometric2F1_WithBEqualToC_IsTheBinomialSeries() =>
        Assert.Equal(Math.Pow(1 - 0.6, -1.7), SpecialFunctions.Hypergeometric2F1(1.7, 2.3, 2.3, 0.6), 1e-12);

    /// <summary>
    /// Near z = 1 the power series needs about 35 / (1 - z) terms (beyond 100,000 it threw); closed forms that do not
    /// share the connection formula's derivation, for c - a - b not an integer, of either sign.
    /// </summary>
    [Theory]
    [InlineData(0.95)]
    [InlineData(0.9999)]
    [InlineData(0.99999999)]
    public void Hypergeometric2F1_NearOne_MatchesClosedForms(double z)
    {
        AssertRelative(Math.Pow(1 - z, -1.7), SpecialFunctions.Hypergeometric2F1(1.7, 2.3, 2.3, z), 1e-11);
        AssertRelative(Math.Asin(Math.Sqrt(z)) / Math.Sqrt(z), SpecialFunctions.Hypergeometric2F1(0.5, 0.5, 1.5, z), 1e-11);
    }

    /// <summary>
    /// c - a - b an integer puts both terms of the connection formula at a pole of Γ: 0 and a positive integer, where the
    /// function is interpolated (to about 1e-8).
    /// </summary>
    [Theory]
    [InlineData(0.95)]
    [InlineData(0.9999)]
    [InlineData(0.99999999)]
    public void Hypergeometric2F1_NearOne_AtAnIntegerCMinusAMinusB_MatchesClosedForms(double z)
    {
        var log = Math.Log(1 - z);
        AssertRelative(-log / z, SpecialFunctions.Hypergeometric2F1(1, 1, 2, z), 1e-7);
        AssertRelative(2 * (((1 - z) * log) + z) / (z * z), SpecialFunctions.Hypergeometric2F1(1, 1, 3, z), 1e-7);
    }

    [Fact]
    public void Hypergeometric2F1_OnEitherSideOfThePowerSeriesLimit_Agrees()
    {
        // The same function by two methods just below and just above the switch: no step where the method changes.
        const double below = 0.9, above = 0.9 + 1e-12;
        foreach (var (a, b, c) in new[] { (0.45, -0.21, 2.19), (1.3, 0.8, 0.4), (2.5, 1.5, 4.0) })
        {
            AssertRelative(SpecialFunctions.Hypergeometric2F1(a, b, c, below), SpecialFunctions.Hypergeometric2F1(a, b, c, above), 1e-9);
        }
    }

    [Fact]
    public void Hypergeometric2F1_ThatCannotConverge_ThrowsArithmeticException() =>
        // Parameters of a million: the terms grow for hundreds of thousands of steps before they fall.
        Assert.Throws<ArithmeticException>(() => SpecialFunctions.Hypergeometric2F1(1e6, 1e6, 1, 0.5));

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");
}
