using Clv.Training.Baselines;

namespace Clv.Model.Tests.Baselines;

/// <summary>
/// Customers drawn from the BG/NBD story itself (FHL 2005 §2): rate λ ~ Gamma(r, α) per week,
/// purchases a Poisson process while alive, after each repeat purchase dropout with probability
/// p ~ Beta(a, b), or p = 0 (nobody ever drops out). Each customer is observed for T weeks after
/// the first purchase, T uniform in [minAge, maxAge]; times are rounded to whole days, as
/// transaction data give them.
/// </summary>
internal static class BgNbdSimulation
{
    public static RfmSummary[] Draw(int customers, double r, double alpha, double? a, double? b, int seed, double minAgeWeeks = 26, double maxAgeWeeks = 52)
    {
        var random = new Random(seed);
        var summaries = new RfmSummary[customers];
        for (var i = 0; i < customers; i++)
        {
            var rate = Gamma(random, r) / alpha;
            var dropout = a is { } shapeA && b is { } shapeB ? Beta(random, shapeA, shapeB) : 0.0;
            var age = minAgeWeeks + (random.NextDouble() * (maxAgeWeeks - minAgeWeeks));
            var repeats = 0;
            var last = 0.0;
            for (var t = Exponential(random, rate); t <= age; t += Exponential(random, rate))
            {
                repeats++;
                last = t;
                if (random.NextDouble() < dropout)
                {
                    break;
                }
            }

            summaries[i] = new RfmSummary(repeats, WholeDays(last), WholeDays(age), 0, 0);
        }

        return summaries;
    }

    private static double WholeDays(double weeks) => Math.Floor(weeks * 7) / 7;

    private static double Exponential(Random random, double rate) => -Math.Log(1 - random.NextDouble()) / rate;

    private static double Beta(Random random, double a, double b)
    {
        var x = Gamma(random, a);
        return x / (x + Gamma(random, b));
    }

    // Marsaglia & Tsang (2000); shape < 1 by Gamma(k) = Gamma(k + 1) U^(1/k).
    private static double Gamma(Random random, double shape)
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
