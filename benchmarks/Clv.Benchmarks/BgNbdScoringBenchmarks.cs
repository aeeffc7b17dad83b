using BenchmarkDotNet.Attributes;
using Clv.Model;
using Clv.Model.BuyTillYouDie;

namespace Clv.Benchmarks;

/// <summary>
/// One score of the BG/NBD + Gamma-Gamma kind (CDNOW's published parameters, a customer with three repeat days):
/// the scorer's call with P10/P90 of spend and CLV, the means alone (what the kind computed before it gave
/// intervals), and the two interval distributions alone.
/// </summary>
[MemoryDiagnoser]
public class BgNbdScoringBenchmarks
{
    private const int Horizon = 273;
    private const int ClvHorizon = 365;
    private static readonly DateTime AsOf = new(1997, 9, 30, 0, 0, 0, DateTimeKind.Utc);

    private readonly BgNbdGammaGammaModel _model = new(
        "bench-bgnbd", new BuyTillYouDieParameters(0.243, 4.414, 0.793, 2.426, 6.25, 3.74, 15.44), Horizon, ClvHorizon, 0.10, TrainingMetadata.Untrained);

    private readonly PurchaseDayStatistics _purchases = new(4, new DateOnly(1997, 1, 10).DayNumber, new DateOnly(1997, 6, 2).DayNumber, 35.0, 120.0);

    [Benchmark(Baseline = true, Description = "Predict with P10/P90 (scorer)")]
    public double Predict() => _model.Predict(_purchases, AsOf, Horizon, ClvHorizon).ClvP90;

    [Benchmark(Description = "means only (churn, spend, CLV)")]
    public double Means()
    {
        var (r, alpha, a, b, _, _, _) = _model.Parameters;
        var (x, recency, age) = (_purchases.Frequency, _purchases.RecencyWeeks, _purchases.AgeWeeks(AsOf));
        return BgNbdPredictions.ProbabilityNoPurchase(r, alpha, a, b, x, recency, age, Horizon / 7.0)
               + BgNbdPredictions.ExpectedTransactions(r, alpha, a, b, x, recency, age, Horizon / 7.0)
               + BgNbdPredictions.DiscountedExpectedTransactions(r, alpha, a, b, x, recency, age, ClvHorizon / 7.0, 0.00026);
    }

    [Benchmark(Description = "the two window distributions alone")]
    public double Distributions()
    {
        var (r, alpha, a, b, p, q, gamma) = _model.Parameters;
        var (x, recency, age) = (_purchases.Frequency, _purchases.RecencyWeeks, _purchases.AgeWeeks(AsOf));
        var value = OrderValuePosterior.After(p, q, gamma, x, _purchases.RepeatValue);
        var spend = BgNbdWindowDistribution.WindowValue(r, alpha, a, b, x, recency, age, Horizon / 7.0, 0, 0.5, 50, value);
        var clv = BgNbdWindowDistribution.WindowValue(r, alpha, a, b, x, recency, age, ClvHorizon / 7.0, 0.0018, 0.4, 60, value);
        return spend.Quantile(0.9) + clv.Quantile(0.9);
    }
}
