using Clv.Model.Data;
using Clv.Model.Features;
using Clv.Training;

namespace Clv.Model.Tests;

/// <summary>
/// The customer's order values as the heads see them: running moments, shrinkage toward the population prior
/// with weights from the count (docs/model.md, "Order values"), and the prior's fit on a known population.
/// </summary>
public sealed class OrderValueTests
{
    private static readonly DateTime Day0 = new(1997, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Inputs_FourEqualOrdersUnderAPriorWorthFour_AreHalfwayToTheirOwnMean()
    {
        // Prior mean 3, between-customer variance 0.25, within 1: σ²/τ² = 4, so four orders get weight 4 / (4 + 4).
        var encoder = new FeatureEncoder(FeatureStatistics.Identity with { OrderValues = new OrderValuePrior(3, 0.25, 1, 4) });
        var moments = new OrderValueMoments();
        var inputs = new float[2];
        for (var i = 0; i < 4; i++)
        {
            moments.Add(new CustomerEvent(Day0.AddDays(i), Math.Exp(4) - 1, false));
            moments.Add(new CustomerEvent(Day0.AddDays(i), 500, IsRefund: true));
        }

        encoder.OrderValueInputs(moments, inputs);

        // Shrunk mean 3 + ½ (4 - 3) = 3.5, i.e. (3.5 - 3) / 0.5 = 1 prior sd; no spread, so the variance is
        // the prior's 4 × 1 over 4 + 3 degrees of freedom.
        Assert.Equal(4, moments.Count);
        Assert.Equal(1.0, inputs[0], 1e-6);
        Assert.Equal(0.5 * Math.Log(4.0 / 7.0), inputs[1], 1e-6);
    }

    [Fact]
    public void Inputs_BeforeAnyPurchase_AreThePopulations_AndManyOrdersReachTheCustomersOwn()
    {
        var prior = new OrderValuePrior(3, 0.25, 1, 4);
        var encoder = new FeatureEncoder(FeatureStatistics.Identity with { OrderValues = prior });
        var inputs = new float[2];
        encoder.OrderValueInputs(default, inputs);
        Assert.Equal(0, inputs[0], 1e-6);
        Assert.Equal(0, inputs[1], 1e-6);

        // 10,000 orders alternating ln(1 + a) = 4 and 6: own mean 5, own variance 1 (= the prior's within variance).
        var moments = new OrderValueMoments();
        for (var i = 0; i < 10_000; i++)
        {
            moments.Add(new CustomerEvent(Day0, Math.Exp(i % 2 == 0 ? 4 : 6) - 1, false));
        }

        encoder.OrderValueInputs(moments, inputs);
        Assert.Equal((5 - 3) / 0.5, inputs[0], 0.01);
        Assert.Equal(0, inputs[1], 0.001);
    }

    [Fact]
    public void PriorFit_OnAKnownNormalPopulation_RecoversItsMeanAndBothVariances()
    {
        // Customer means ~ N(3, 0.5²), orders ~ N(mean, 0.8²), 1 to 6 orders each.
        var random = new Random(5);
        var customers = new List<OrderValueMoments>();
        for (var i = 0; i < 20_000; i++)
        {
            var mean = 3 + (0.5 * Gaussian(random));
            var moments = new OrderValueMoments();
            for (var n = 1 + random.Next(6); n > 0; n--)
            {
                moments.Add(new CustomerEvent(Day0, Math.Exp(mean + (0.8 * Gaussian(random))) - 1, false));
            }

            customers.Add(moments);
        }

        customers.Add(default);
        var prior = OrderValuePriorEstimator.Fit(customers);

        Assert.Equal(3, prior.Mean, 0.02);
        Assert.Equal(0.25, prior.BetweenVariance, 0.02);
        Assert.Equal(0.64, prior.WithinVariance, 0.02);
    }

    [Fact]
    public void PriorFit_NoSpreadBetweenCustomers_KeepsAProperPriorThatTrustsThePopulation()
    {
        var random = new Random(6);
        var customers = new List<OrderValueMoments>();
        for (var i = 0; i < 2_000; i++)
        {
            var moments = new OrderValueMoments();
            moments.Add(new CustomerEvent(Day0, Math.Exp(3 + (0.5 * Gaussian(random))) - 1, false));
            moments.Add(new CustomerEvent(Day0, Math.Exp(3 + (0.5 * Gaussian(random))) - 1, false));
            customers.Add(moments);
        }

        var prior = OrderValuePriorEstimator.Fit(customers);

        Assert.True(prior.IsValid);
        Assert.True(prior.WithinVariance / prior.BetweenVariance > 10, $"σ²/τ² = {prior.WithinVariance / prior.BetweenVariance}");
    }

    [Fact]
    public void Moments_OfARefundOnlyOrEmptyHistory_AreValidAndZero_AndImpossibleOnesAreNot()
    {
        var moments = new OrderValueMoments();
        moments.Add(new CustomerEvent(Day0, 12, IsRefund: true));

        Assert.Equal(default, moments);
        Assert.True(moments.IsValid);
        Assert.False(new OrderValueMoments(-1, 0, 0).IsValid);
        Assert.False(new OrderValueMoments(0, 2, 0).IsValid);
        Assert.False(new OrderValueMoments(3, double.PositiveInfinity, 0).IsValid);
        Assert.False(new OrderValueMoments(3, 2, -0.5).IsValid);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
