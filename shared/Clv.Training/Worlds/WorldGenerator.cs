namespace Clv.Training.Worlds;

/// <summary>
/// Draws the customers of a <see cref="WorldSpec"/>: the BG/NBD story (FHL 2005 §2) with Gamma-Gamma
/// order values (Fader &amp; Hardie 2013), the season and regime entering by thinning a Poisson process
/// of rate λ·max multiplier. The same spec, customer count and seed give the same world.
/// </summary>
public static class WorldGenerator
{
    public static GeneratedWorld Generate(WorldSpec spec, int customers, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        var random = new WorldRandom(seed);
        var width = customers.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        var drawn = new GeneratedCustomer[customers];
        for (var i = 0; i < customers; i++)
        {
            drawn[i] = DrawCustomer(spec, $"{spec.Name}-{(i + 1).ToString().PadLeft(width, '0')}", random);
        }

        return new GeneratedWorld(spec, seed, drawn);
    }

    private static GeneratedCustomer DrawCustomer(WorldSpec spec, string id, WorldRandom random)
    {
        var (r, alpha, a, b) = spec.Purchases;
        var (p, q, gamma) = spec.Values;
        var firstPurchase = random.Uniform() * spec.CohortDays / 7.0;
        var wholesale = spec.WholesaleShare > 0 && random.Uniform() < spec.WholesaleShare;
        var rate = random.Gamma(r) / alpha * (wholesale ? spec.WholesaleRateFactor : 1);
        var dropout = spec.HasDropout ? random.Beta(a, b) : 0.0;
        var valueRate = random.Gamma(q) / gamma;
        var drift = spec.SpendDriftPerWeek * random.Normal();

        double Amount(double weeks)
        {
            var value = wholesale ? random.Pareto(spec.WholesaleMinimumOrder, spec.WholesaleTailIndex) : random.Gamma(p) / valueRate;
            return Math.Max(0.01, Math.Round(value * Math.Exp(drift * (weeks - firstPurchase)), 2));
        }

        var purchases = new List<GeneratedPurchase> { new(firstPurchase, Amount(firstPurchase)) };
        double? droppedOut = null;
        var bound = spec.MaximumRateMultiplier;
        var end = spec.EndWeeks;
        for (var t = firstPurchase + random.Exponential(rate * bound); t < end; t += random.Exponential(rate * bound))
        {
            // Thinning: a candidate of the bounding process is a purchase with probability multiplier(t) / bound.
            if (random.Uniform() * bound >= spec.RateMultiplier(t))
            {
                continue;
            }

            purchases.Add(new GeneratedPurchase(t, Amount(t)));
            var dropoutNow = t >= spec.RegimeChangeWeeks ? Math.Min(1, dropout * spec.RegimeDropoutFactor) : dropout;
            if (random.Uniform() < dropoutNow)
            {
                droppedOut = t;
                break;
            }
        }

        return new GeneratedCustomer(id, rate, dropout, wholesale, droppedOut, purchases);
    }
}
