using Clv.Model.Network;

namespace Clv.Model.Tests;

public sealed class ZeroInflatedLogNormalHeadTests
{
    [Fact]
    public void Quantile_MidwayThroughThePositiveMass_IsTheLognormalMedian()
    {
        // p = σ(1.2); the median of the positive part sits at q = (1 - p) + p/2.
        var p = BernoulliHead.Probability(1.2);

        var quantile = ZeroInflatedLogNormalHead.Quantile(1.2, 3.0, Math.Log(0.7), 1 - p / 2);

        Assert.Equal(Math.Exp(3.0), quantile, 1e-6 * Math.Exp(3.0));
    }

    [Fact]
    public void Quantile_WithinTheZeroMass_IsZero()
    {
        // p = 0.5: every quantile up to 0.5 is a zero spend.
        Assert.Equal(0, ZeroInflatedLogNormalHead.Quantile(0, 3.0, 0, 0.45));
    }

    [Fact]
    public void Mean_IsProbabilityTimesLognormalMean()
    {
        Assert.Equal(0.5 * Math.Exp(1 + 0.5 * 0.25), ZeroInflatedLogNormalHead.Mean(0, 1, Math.Log(0.5)), 1e-12);
    }

    [Fact]
    public void Loss_OfZeroSpend_IsMinusLogOfZeroMass()
    {
        var loss = ZeroInflatedLogNormalHead.Loss(0.4, 2, 0, 0, out _, out var dMu, out _);

        Assert.Equal(-Math.Log(1 - BernoulliHead.Probability(0.4)), loss, 1e-12);
        Assert.Equal(0, dMu);
    }

    [Theory]
    [InlineData(0.975, 1.959963985)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.001, -3.090232306)]
    public void InverseNormalCdf_MatchesTables(double p, double z)
    {
        Assert.Equal(z, StandardNormal.InverseCdf(p), 1e-7);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.5)]
    [InlineData(0.95)]
    public void IntervalProbability_IsTheShareOfDrawsBetweenP10AndP90(double zeroMass)
    {
        var logit = Math.Log((1 - zeroMass) / zeroMass);
        var (p10, p90) = (ZeroInflatedLogNormalHead.Quantile(logit, 2, 0, 0.1), ZeroInflatedLogNormalHead.Quantile(logit, 2, 0, 0.9));
        var random = new Random(5);
        const int draws = 200_000;
        var inside = 0;
        for (var i = 0; i < draws; i++)
        {
            var y = random.NextDouble() < zeroMass ? 0 : Math.Exp(2 + StandardNormal.InverseCdf(random.NextDouble()));
            inside += y >= p10 && y <= p90 ? 1 : 0;
        }

        Assert.Equal((double)inside / draws, ZeroInflatedLogNormalHead.IntervalProbability(zeroMass, 0.1, 0.9), 0.005);
    }
}
