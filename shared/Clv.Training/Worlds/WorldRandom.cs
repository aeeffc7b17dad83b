namespace Clv.Training.Worlds;

/// <summary>The draws a world needs, from one seeded <see cref="Random"/> so a seed fixes the whole world.</summary>
public sealed class WorldRandom(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>Uniform on [0, 1).</summary>
    public double Uniform() => _random.NextDouble();

    /// <summary>Exponential with the given rate (mean 1 / rate).</summary>
    public double Exponential(double rate) => -Math.Log(1 - _random.NextDouble()) / rate;

    /// <summary>Standard normal (Box-Muller).</summary>
    public double Normal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    /// <summary>Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).</summary>
    public double Beta(double a, double b)
    {
        var x = Gamma(a);
        return x / (x + Gamma(b));
    }

    /// <summary>Pareto with minimum <paramref name="scale"/> and tail index <paramref name="shape"/> (mean scale·shape/(shape-1)).</summary>
    public double Pareto(double scale, double shape) => scale * Math.Pow(1 - _random.NextDouble(), -1 / shape);

    /// <summary>
    /// Gamma(shape, rate 1) by Marsaglia &amp; Tsang (2000); a shape below 1 by Gamma(k) = Gamma(k + 1) U^(1/k).
    /// </summary>
    public double Gamma(double shape)
    {
        if (shape < 1)
        {
            return Gamma(shape + 1) * Math.Pow(1 - _random.NextDouble(), 1 / shape);
        }

        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = Normal();
                v = 1 + (c * z);
            }
            while (v <= 0);

            v = v * v * v;
            if (Math.Log(1 - _random.NextDouble()) < (0.5 * z * z) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v;
            }
        }
    }
}
