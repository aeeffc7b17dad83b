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
}
