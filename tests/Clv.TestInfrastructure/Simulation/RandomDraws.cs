namespace Clv.TestInfrastructure.Simulation;

/// <summary>The draws the buy-till-you-die simulations need, from a seeded <see cref="Random"/>.</summary>
public static class RandomDraws
{
    public static double Exponential(Random random, double rate) => -Math.Log(1 - random.NextDouble()) / rate;

    public static double Beta(Random random, double a, double b)
    {
        var x = Gamma(random, a);
        return x / (x + Gamma(random, b));
    }

    /// <summary>Gamma(shape, 1) by Marsaglia &amp; Tsang (2000); shape &lt; 1 by Gamma(k) = Gamma(k + 1) U^(1/k).</summary>
    public static double Gamma(Random random, double shape)
    {
        if (shape < 1)
        {
            return Gamma(random, shape + 1) * Math.Pow(1 - random.NextDouble(), 1 / shape);
        }

        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                v = 1 + (c * z);
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1 - random.NextDouble();
            if (Math.Log(u) < (0.5 * z * z) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v;
            }
        }
    }
}
