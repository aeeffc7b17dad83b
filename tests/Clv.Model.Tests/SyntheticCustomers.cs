using Clv.Model.Data;

namespace Clv.Model.Tests;

/// <summary>
/// Customers whose future depends on their past: half are loyal (frequent, large purchases,
/// long lifetimes), half sporadic (rare, small, short-lived). A model that reads the sequence
/// can tell them apart; a constant cannot.
/// </summary>
internal static class SyntheticCustomers
{
    public static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static List<CustomerHistory> Generate(int count, int seed, DateTime end)
    {
        var random = new Random(seed);
        var customers = new List<CustomerHistory>(count);
        for (var i = 0; i < count; i++)
        {
            var loyal = random.NextDouble() < 0.5;
            var meanGapDays = loyal ? 12 : 45;
            var medianAmount = loyal ? 60 : 15;
            var first = Start.AddDays(random.NextDouble() * 60);
            var death = first.AddDays(Exponential(random, loyal ? 600 : 120));
            var events = new List<CustomerEvent>();
            for (var t = first; t < end && t < death; t = t.AddDays(Exponential(random, meanGapDays)))
            {
                var amount = medianAmount * Math.Exp(0.3 * Gaussian(random));
                events.Add(new CustomerEvent(t, Math.Round(amount, 2), IsRefund: false));
            }

            customers.Add(new CustomerHistory($"{seed}-{i}", [.. events]));
        }

        return customers;
    }

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
