namespace Clv.TestInfrastructure.Reference;

/// <summary>Zero with probability <see cref="ZeroMass"/>, else e^(location + scale·N(0, 1)).</summary>
public sealed record ReferenceZeroInflatedLogNormal(double ZeroMass, double Location, double Scale)
{
    public double Mean => (1 - ZeroMass) * Math.Exp(Location + (Scale * Scale / 2));

    public double Quantile(double p) =>
        p <= ZeroMass ? 0 : Math.Exp(Location + (Scale * ReferenceNormal.InverseCdf((p - ZeroMass) / (1 - ZeroMass))));

    /// <summary>P(value <= <paramref name="x"/>).</summary>
    public double Cdf(double x) =>
        x < 0 ? 0 : x == 0 ? ZeroMass : ZeroMass + ((1 - ZeroMass) * ReferenceNormal.Cdf((Math.Log(x) - Location) / Scale));
}
