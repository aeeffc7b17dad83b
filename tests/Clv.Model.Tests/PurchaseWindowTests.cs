using Clv.Model.Network;
using Clv.TestInfrastructure.Reference;

namespace Clv.Model.Tests;

public sealed class PurchaseWindowTests
{
    [Theory]
    [InlineData(-1.0, -3.0, -6.0, 14)]
    [InlineData(0.5, -5.0, -4.0, 273)]
    [InlineData(2.0, -1.0, -20.0, 365)]
    public void ChurnProbability_OfAnAlmostFixedRate_IsInactiveOrNoPurchaseBeforeDropout(double inactiveLogit, double logRate, double logDropout, double horizon)
    {
        var pi = BernoulliHead.Probability(inactiveLogit);
        var (rate, dropout) = (Math.Exp(logRate), Math.Exp(logDropout));
        var purchaseFirst = rate / (rate + dropout) * (1 - Math.Exp(-(rate + dropout) * horizon));

        // Shape e^10: the gamma mixture is within about x² / k of the one exponential rate.
        var window = PurchaseWindow.Of(inactiveLogit, logRate, logDropout, 10, horizon, 0);

        Assert.Equal(pi + (1 - pi) * (1 - purchaseFirst), window.ChurnProbability, 1e-4);
    }

    [Theory]
    [InlineData(-1.0, -3.0, -6.0, 0.0, 14)]
    [InlineData(0.5, -5.0, -4.0, -1.5, 273)]
    [InlineData(-2.0, -2.0, -5.0, 1.0, 365)]
    [InlineData(0.0, -4.0, -7.0, -3.0, 90)]
    public void Churn_AndCounts_AreTheAveragesOverTheGammaMixedRate(double a, double u, double w, double kappa, double horizon)
    {
        // The reference averages the exponential process over a grid of rates, without the closed forms.
        var reference = new ReferenceChurnHead([a, u, w, 0, 0, 0, 0, kappa], 0);
        var discount = PurchaseWindow.DailyDiscount(0.1);

        Assert.Equal(reference.Churn(horizon), PurchaseWindow.Of(a, u, w, kappa, horizon, 0).ChurnProbability, 1e-8);
        foreach (var delta in new[] { 0, discount })
        {
            var expected = Math.Log(reference.ExpectedCount(horizon, delta) / reference.ActiveBuysWithin(horizon));
            Assert.Equal(expected, PurchaseWindow.Of(a, u, w, kappa, horizon, delta).LogCountGivenAny, 1e-7);
        }
    }

    [Fact]
    public void ChurnProbability_FallsWithTheHorizonTowardsInactiveOrDroppingOutFirst_BeyondAnyTrainedHorizon()
    {
        var previous = 1.0;
        foreach (var horizon in new[] { 14, 91, 273, 500 })
        {
            var churn = PurchaseWindow.Of(0.3, -3, -5, 0, horizon, 0).ChurnProbability;
            Assert.True(churn < previous, $"churn {churn} at {horizon} days is not below {previous}");
            previous = churn;
        }

        var pi = BernoulliHead.Probability(0.3);
        var dropoutFirst = Math.Exp(-5) / (Math.Exp(-3) + Math.Exp(-5));
        Assert.Equal(pi + (1 - pi) * dropoutFirst, PurchaseWindow.Of(0.3, -3, -5, 0, 1e12, 0).ChurnProbability, 1e-9);
    }

    [Fact]
    public void LogCountGivenAny_OfARareBuyer_IsOnePurchase()
    {
        Assert.Equal(0, PurchaseWindow.Of(0, -20, -20, 0, 100, 0).LogCountGivenAny, 1e-6);
    }

    [Theory]
    [InlineData(-1.0, -3.0, -5.0, 0.0, 30, 0.0)]
    [InlineData(1.5, -6.0, -3.0, -1.0, 273, 0.0003)]
    [InlineData(-3.0, 0.5, -1.0, 2.0, 7, 0.0)]
    [InlineData(0.0, -12.0, -15.0, 0.5, 200, 0.0003)]
    [InlineData(0.3, -3.0, -6.0, -3.0, 365, 0.00026)]
    [InlineData(-0.5, -2.0, -4.0, 6.0, 365, 0.00026)]
    public void Derivatives_MatchFiniteDifferences(double a, double u, double w, double kappa, double horizon, double discount)
    {
        const double step = 1e-6;
        var window = PurchaseWindow.Of(a, u, w, kappa, horizon, discount);
        PurchaseWindow At(double da, double du, double dw, double dk) => PurchaseWindow.Of(a + da, u + du, w + dw, kappa + dk, horizon, discount);
        double Slope(Func<PurchaseWindow, double> f, double da, double du, double dw, double dk) =>
            (f(At(da, du, dw, dk)) - f(At(-da, -du, -dw, -dk))) / (2 * step);

        Assert.Equal(Slope(p => p.ChurnLogit, step, 0, 0, 0), window.ChurnLogitByInactive, 1e-6);
        Assert.Equal(Slope(p => p.ChurnLogit, 0, step, 0, 0), window.ChurnLogitByLogRate, 1e-6);
        Assert.Equal(Slope(p => p.ChurnLogit, 0, 0, step, 0), window.ChurnLogitByLogDropout, 1e-6);
        Assert.Equal(Slope(p => p.ChurnLogit, 0, 0, 0, step), window.ChurnLogitByLogShape, 1e-6);
        Assert.Equal(Slope(p => p.LogCountGivenAny, 0, step, 0, 0), window.LogCountByLogRate, 1e-6);
        Assert.Equal(Slope(p => p.LogCountGivenAny, 0, 0, step, 0), window.LogCountByLogDropout, 1e-6);
        Assert.Equal(Slope(p => p.LogCountGivenAny, 0, 0, 0, step), window.LogCountByLogShape, 1e-6);
    }

    [Fact]
    public void DailyDiscount_OverAYear_IsTheAnnualRate()
    {
        Assert.Equal(1 / 1.1, Math.Exp(-PurchaseWindow.DailyDiscount(0.10) * 365), 1e-12);
    }
}
