using Clv.Model.Network;

namespace Clv.Model.Tests;

public sealed class PurchaseWindowTests
{
    [Theory]
    [InlineData(-1.0, -3.0, -6.0, 14)]
    [InlineData(0.5, -5.0, -4.0, 273)]
    [InlineData(2.0, -1.0, -20.0, 365)]
    public void ChurnProbability_IsInactiveOrNoPurchaseBeforeDropout(double inactiveLogit, double logRate, double logDropout, double horizon)
    {
        var pi = BernoulliHead.Probability(inactiveLogit);
        var (rate, dropout) = (Math.Exp(logRate), Math.Exp(logDropout));
        var purchaseFirst = rate / (rate + dropout) * (1 - Math.Exp(-(rate + dropout) * horizon));

        var window = PurchaseWindow.Of(inactiveLogit, logRate, logDropout, horizon, 0);

        Assert.Equal(pi + (1 - pi) * (1 - purchaseFirst), window.ChurnProbability, 1e-12);
    }

    [Fact]
    public void ChurnProbability_FallsWithTheHorizonTowardsInactiveOrDroppingOutFirst_BeyondAnyTrainedHorizon()
    {
        var previous = 1.0;
        foreach (var horizon in new[] { 14, 91, 273, 500 })
        {
            var churn = PurchaseWindow.Of(0.3, -3, -5, horizon, 0).ChurnProbability;
            Assert.True(churn < previous, $"churn {churn} at {horizon} days is not below {previous}");
            previous = churn;
        }

        var pi = BernoulliHead.Probability(0.3);
        var dropoutFirst = Math.Exp(-5) / (Math.Exp(-3) + Math.Exp(-5));
        Assert.Equal(pi + (1 - pi) * dropoutFirst, PurchaseWindow.Of(0.3, -3, -5, 100_000, 0).ChurnProbability, 1e-9);
    }

    [Fact]
    public void LogCountGivenAny_IsExpectedDiscountedCountOverProbabilityOfAny()
    {
        const double horizon = 200;
        var (rate, dropout, discount) = (Math.Exp(-3.0), Math.Exp(-5.0), PurchaseWindow.DailyDiscount(0.1));
        double expectedCount = 0;
        const int slices = 200_000;
        for (var i = 0; i < slices; i++)
        {
            var t = (i + 0.5) * horizon / slices;
            expectedCount += rate * Math.Exp(-(dropout + discount) * t) * horizon / slices;
        }

        var any = rate / (rate + dropout) * (1 - Math.Exp(-(rate + dropout) * horizon));

        Assert.Equal(Math.Log(expectedCount / any), PurchaseWindow.Of(0, -3, -5, horizon, discount).LogCountGivenAny, 1e-8);
    }

    [Fact]
    public void LogCountGivenAny_OfARareBuyer_IsOnePurchase()
    {
        Assert.Equal(0, PurchaseWindow.Of(0, -20, -20, 100, 0).LogCountGivenAny, 1e-6);
    }

    [Theory]
    [InlineData(-1.0, -3.0, -5.0, 30, 0.0)]
    [InlineData(1.5, -6.0, -3.0, 273, 0.0003)]
    [InlineData(-3.0, 0.5, -1.0, 7, 0.0)]
    [InlineData(0.0, -12.0, -15.0, 200, 0.0003)]
    public void Derivatives_MatchFiniteDifferences(double a, double u, double w, double horizon, double discount)
    {
        const double step = 1e-6;
        var window = PurchaseWindow.Of(a, u, w, horizon, discount);
        PurchaseWindow At(double da, double du, double dw) => PurchaseWindow.Of(a + da, u + du, w + dw, horizon, discount);

        Assert.Equal((At(step, 0, 0).ChurnLogit - At(-step, 0, 0).ChurnLogit) / (2 * step), window.ChurnLogitByInactive, 1e-6);
        Assert.Equal((At(0, step, 0).ChurnLogit - At(0, -step, 0).ChurnLogit) / (2 * step), window.ChurnLogitByLogRate, 1e-6);
        Assert.Equal((At(0, 0, step).ChurnLogit - At(0, 0, -step).ChurnLogit) / (2 * step), window.ChurnLogitByLogDropout, 1e-6);
        Assert.Equal((At(0, step, 0).LogCountGivenAny - At(0, -step, 0).LogCountGivenAny) / (2 * step), window.LogCountByLogRate, 1e-6);
        Assert.Equal((At(0, 0, step).LogCountGivenAny - At(0, 0, -step).LogCountGivenAny) / (2 * step), window.LogCountByLogDropout, 1e-6);
    }

    [Fact]
    public void DailyDiscount_OverAYear_IsTheAnnualRate()
    {
        Assert.Equal(1 / 1.1, Math.Exp(-PurchaseWindow.DailyDiscount(0.10) * 365), 1e-12);
    }
}
