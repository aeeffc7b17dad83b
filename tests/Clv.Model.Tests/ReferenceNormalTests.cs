using Clv.TestInfrastructure.Reference;

namespace Clv.Model.Tests;

/// <summary>The reference's own normal distribution against published table values, so the oracle is not only checked against the code it judges.</summary>
public sealed class ReferenceNormalTests
{
    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.9, 1.2815515655446004)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.001, -3.090232306167814)]
    [InlineData(1e-9, -5.997807015007686)]
    public void InverseCdf_MatchesTableValues(double p, double z)
    {
        Assert.Equal(z, ReferenceNormal.InverseCdf(p), 1e-9);
        Assert.Equal(p, ReferenceNormal.Cdf(z), p * 1e-9);
    }

    [Fact]
    public void ZeroInflatedLogNormal_QuantileAndCdfAreInverse_AndTheMeanIsTheLognormalsTimesOneMinusTheZeroMass()
    {
        var mixture = new ReferenceZeroInflatedLogNormal(ZeroMass: 0.3, Location: 2, Scale: 0.7);

        Assert.Equal(0, mixture.Quantile(0.1));
        Assert.Equal(0.9, mixture.Cdf(mixture.Quantile(0.9)), 1e-12);
        Assert.Equal(0.7 * Math.Exp(2 + 0.245), mixture.Mean, 1e-12);
    }
}
