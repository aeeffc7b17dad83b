using Clv.Model.Data;
using Clv.Model.Features;

namespace Clv.Model.Tests;

/// <summary>
/// Models with every parameter random (not the training start, whose biases are zero) and event sequences with
/// the awkward cases: equal times, fractional gaps, zero and large amounts, refunds, every weekday and month.
/// </summary>
internal static class RandomModels
{
    // Output biases centred where trained models live (docs/model.md, "Heads"): π, log λ and log μ per day,
    // then location and log scale of spend and of CLV, so churn, quantiles and means all take varied values.
    private static readonly double[] OutputBiasCentres = [0, -3.5, -5, 3, -0.5, 3.5, -0.3];

    public static MtlLstmModel Create(int seed, int hidden, int dense, int window = 64)
    {
        var random = new Random(seed);
        var statistics = new FeatureStatistics(
            3 + random.NextDouble(), 0.5 + random.NextDouble(), 2 + random.NextDouble(), 0.5 + random.NextDouble(), 2.5 + random.NextDouble(), 0.5 + random.NextDouble())
        {
            OrderValues = new OrderValuePrior(3 + random.NextDouble(), 0.1 + random.NextDouble(), 0.1 + random.NextDouble(), 1 + (4 * random.NextDouble())),
        };
        var config = new ModelConfig(HiddenSize: hidden, DenseSize: dense, WindowSize: window, HorizonDays: 30 + random.Next(300), ClvHorizonDays: 60 + random.Next(700), AnnualDiscountRate: random.NextDouble() * 0.3);
        var count = MtlLstmModel.CreateInitial(config, statistics, seed).Parameters.Length;
        var parameters = new float[count];
        for (var i = 0; i < count; i++)
        {
            parameters[i] = (float)((random.NextDouble() * 2) - 1) * 0.4f;
        }

        // The layout ends with Wo (7 × D), the seven output biases and the three task log-variances. Wo is
        // scaled by 1/√D so outputs stay within about ±1 of their centres: beyond that e^(s²/2) reaches
        // values where float rounding alone exceeds the 1e-5 the comparisons ask for.
        var outputBiases = count - 3 - OutputBiasCentres.Length;
        for (var i = outputBiases - (OutputBiasCentres.Length * dense); i < outputBiases; i++)
        {
            parameters[i] = (float)(((random.NextDouble() * 2) - 1) / Math.Sqrt(dense));
        }

        for (var k = 0; k < OutputBiasCentres.Length; k++)
        {
            parameters[outputBiases + k] = (float)(OutputBiasCentres[k] + (random.NextDouble() * 2) - 1);
        }

        return new MtlLstmModel($"random-{seed}", config, statistics, parameters, TrainingMetadata.Untrained);
    }

    public static CustomerEvent[] Events(int count, int seed)
    {
        var random = new Random(seed);
        var time = new DateTime(1996, 12, 20, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(100_000));
        var events = new CustomerEvent[count];
        for (var i = 0; i < count; i++)
        {
            if (i > 0 && random.NextDouble() > 0.1)
            {
                time = time.AddDays(random.NextDouble() * random.Next(1, 80));
            }

            var amount = random.NextDouble() switch
            {
                < 0.05 => 0,
                < 0.1 => random.NextDouble() * 5000,
                _ => Math.Round(random.NextDouble() * 150, 2),
            };
            events[i] = new CustomerEvent(time, amount, random.NextDouble() < 0.15);
        }

        return events;
    }
}
