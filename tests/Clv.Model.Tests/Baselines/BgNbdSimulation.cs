using Clv.Training.Baselines;
using static Clv.TestInfrastructure.Simulation.RandomDraws;

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
}
