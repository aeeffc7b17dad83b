using Clv.Training.Baselines;
using Clv.Model.BuyTillYouDie;

namespace Clv.Model.Tests.Baselines;

public class BgNbdModelTests
{
    private static readonly BgNbdParameters PublishedParameters = new(0.243, 4.414, 0.793, 2.426);
    private static readonly BgNbdModel Published = new(PublishedParameters);

    [Fact]
    public void Fit_OnCdnowSampleCalibration_ReproducesPublishedParameters()
    {
        var fitted = BgNbdModel.Fit(CdnowSampleData.CalibrationSummaries()).Parameters;

        Assert.Equal(0.243, fitted.R, 0.243 * 0.01);
        Assert.Equal(4.414, fitted.Alpha, 4.414 * 0.01);
        Assert.Equal(0.793, fitted.A, 0.793 * 0.01);
        Assert.Equal(2.426, fitted.B, 2.426 * 0.01);
    }

    [Theory]
    [InlineData(0, 0.0, 0.0)]
    [InlineData(2, 30.43, 38.86)]
    [InlineData(7, 20.0, 35.0)]
    public void ExpectedTransactions_MatchesFhlEquation10WithoutEulerTransform(int x, double recency, double age)
    {
        var (r, alpha, a, b) = PublishedParameters;
        const double t = 39.0;
        var customer = new RfmSummary(x, recency, age, 0, 0);
        var z = t / (alpha + age + t);
        var direct = (a + b + x - 1) / (a - 1)
                     * (1 - Math.Pow((alpha + age) / (alpha + age + t), r + x) * SpecialFunctions.Hypergeometric2F1(r + x, b + x, a + b + x - 1, z))
                     * Published.ProbabilityAlive(customer);

        Assert.Equal(direct, Published.ExpectedTransactions(customer, t), direct * 1e-9);
    }

    [Fact]
    public void ExpectedTransactions_OverAShortHorizon_IsAliveProbabilityTimesPosteriorRate()
    {
        var (r, alpha, _, _) = PublishedParameters;
        var customer = new RfmSummary(3, 25.0, 38.0, 0, 0);
        const double t = 1e-4;
        var expected = Published.ProbabilityAlive(customer) * (r + 3) / (alpha + 38.0) * t;

        Assert.Equal(expected, Published.ExpectedTransactions(customer, t), expected * 1e-3);
    }

    [Fact]
    public void ProbabilityAlive_FallsAsTheLastPurchaseRecedes()
    {
        var recent = Published.ProbabilityAlive(new RfmSummary(4, 37.0, 38.0, 0, 0));
        var longAgo = Published.ProbabilityAlive(new RfmSummary(4, 10.0, 38.0, 0, 0));

        Assert.True(recent > longAgo, $"P(alive) recent {recent} should exceed long-ago {longAgo}");
    }

    [Fact]
    public void ProbabilityNoPurchase_WithoutRepeats_IsTheGammaPoissonZeroTerm()
    {
        var (r, alpha, _, _) = PublishedParameters;
        var customer = new RfmSummary(0, 0.0, 30.0, 0, 0);

        Assert.Equal(Math.Pow((alpha + 30) / (alpha + 30 + 39), r), Published.ProbabilityNoPurchase(customer, 39), 1e-12);
    }

    [Fact]
    public void ProbabilityNoPurchase_AddsDropoutToSilenceOfTheAlive()
    {
        var customer = new RfmSummary(5, 12.0, 38.0, 0, 0);
        var alive = Published.ProbabilityAlive(customer);
        var (r, alpha, _, _) = PublishedParameters;
        var expected = 1 - alive + alive * Math.Pow((alpha + 38) / (alpha + 38 + 39), r + 5);

        Assert.Equal(expected, Published.ProbabilityNoPurchase(customer, 39), 1e-12);
        Assert.Equal(1.0, Published.ProbabilityNoPurchase(customer, 0), 1e-12);
    }

    [Theory]
    [InlineData(0, 0.0, 20.0)]
    [InlineData(4, 30.0, 38.0)]
    public void DiscountedExpectedTransactions_AgreesWithADailyRiemannSumAndIsTheUndiscountedCountAtRateZero(int x, double recency, double age)
    {
        var customer = new RfmSummary(x, recency, age, 0, 0);
        const double weeks = 52;
        var delta = Math.Log(1.1) / 365;
        var daily = 0.0;
        for (var day = 1; day <= 364; day++)
        {
            var increment = Published.ExpectedTransactions(customer, day / 7.0) - Published.ExpectedTransactions(customer, (day - 1) / 7.0);
            daily += increment * Math.Exp(-delta * (day - 0.5));
        }

        Assert.Equal(daily, Published.DiscountedExpectedTransactions(customer, weeks, delta), daily * 1e-4);
        Assert.Equal(Published.ExpectedTransactions(customer, weeks), Published.DiscountedExpectedTransactions(customer, weeks, 0), 1e-12);
    }
}
