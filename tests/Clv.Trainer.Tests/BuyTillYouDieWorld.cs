using System.Globalization;
using Clv.TestInfrastructure.Simulation;

namespace Clv.Trainer.Tests;

/// <summary>
/// A transactions file drawn from BG/NBD + Gamma-Gamma itself (FHL 2005 §2, Fader &amp; Hardie 2013): each customer's
/// weekly rate λ ~ Gamma(r, α), dropout after each repeat purchase with p ~ Beta(a, b), order values ~ Gamma(p_v, ν)
/// with ν ~ Gamma(q, γ); first purchases spread over the first 12 weeks, observed to the end. Written in the CDNOW
/// layout (id, id, yyyymmdd, units, dollars), which the trainer reads like any source file.
/// </summary>
internal static class BuyTillYouDieWorld
{
    private static readonly DateTime Start = new(1997, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static string Write(string path, int customers, int seed, double observedWeeks = 78)
    {
        const double r = 0.6, alpha = 4.0, a = 0.8, b = 2.5, p = 6.0, q = 4.0, gamma = 30.0;
        var random = new Random(seed);
        var lines = new List<string>();
        for (var i = 1; i <= customers; i++)
        {
            var rate = RandomDraws.Gamma(random, r) / alpha;
            var dropout = RandomDraws.Beta(random, a, b);
            var valueRate = RandomDraws.Gamma(random, q) / gamma;
            var first = random.NextDouble() * 12;
            var t = first;
            while (t <= observedWeeks)
            {
                var amount = RandomDraws.Gamma(random, p) / valueRate;
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{i:D5} {i:D5} {Start.AddDays(Math.Floor(t * 7)):yyyyMMdd} 1 {amount:F2}"));
                if (t > first && random.NextDouble() < dropout)
                {
                    break;
                }

                t += RandomDraws.Exponential(random, rate);
            }
        }

        File.WriteAllLines(path, lines);
        return path;
    }
}
