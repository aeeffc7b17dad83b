using Clv.Model.BuyTillYouDie;
using Clv.Training.Baselines;
using Clv.Training.Metrics;
using Clv.Training.Worlds;
using Xunit.Abstractions;
using static Clv.TestInfrastructure.Simulation.RandomDraws;

namespace Clv.Model.Tests.BuyTillYouDie;

/// <summary>
/// The BG/NBD + Gamma-Gamma window distribution against what does not share its derivation: the closed-form BG/NBD
/// means (FHL 2005 eq. 10), the NBD limit without dropout, and a Monte Carlo simulation of the generative process
/// from the customer's posterior (alive with P(alive); λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x), ν ~ Gamma(q+px, γ+x m̄);
/// purchases a Poisson process thinned by dropout, orders Gamma(p, ν)).
/// </summary>
public sealed class BgNbdWindowDistributionTests(ITestOutputHelper output)
{
    private static readonly BuyTillYouDieParameters Cdnow = BgNbdGammaGammaModelTests.Published;

    private const double HorizonWeeks = 39;

    /// <summary>(x, t_x, T): a one-off buyer, an occasional one, a regular one and a heavy one.</summary>
    public static TheoryData<int, double, double> Customers => new() { { 0, 0, 30 }, { 2, 20, 38 }, { 10, 35, 38 }, { 30, 37.5, 38 } };

    [Theory]
    [MemberData(nameof(Customers))]
    public void SumOfSquares_WithoutDiscount_IsTheExpectedCountOfAnAliveCustomer(int x, double recency, double age)
    {
        var (r, alpha, a, b, _, _, _) = Cdnow;
        var (squares, _) = BgNbdWindowDistribution.AliveCountSecondMoments(r, alpha, a, b, x, age, HorizonWeeks, 0);

        var closedForm = BgNbdPredictions.ExpectedTransactions(r, alpha, a, b, x, recency, age, HorizonWeeks)
                         / BgNbdPredictions.ProbabilityAlive(r, alpha, a, b, x, recency, age);
        Assert.Equal(closedForm, squares, 1e-6 * closedForm);
    }

    [Fact]
    public void WithoutDropout_TheCountMomentsAreTheNbdMoments()
    {
        // a -> 0: p = 0, the count is Poisson(λt) with λ ~ Gamma(r+x, α+T): E[N²] = r't/c + r'(r'+1) t²/c².
        const double r = 0.6, alpha = 4, x = 3, age = 30;
        var (squares, squareOfSum) = BgNbdWindowDistribution.AliveCountSecondMoments(r, alpha, 1e-9, 1e6, (int)x, age, HorizonWeeks, 0);

        var rate = (r + x) / (alpha + age);
        Assert.Equal(rate * HorizonWeeks, squares, 1e-6);
        Assert.Equal((rate * HorizonWeeks) + ((r + x) * (r + x + 1) * Math.Pow(HorizonWeeks / (alpha + age), 2)), squareOfSum, 1e-5);
    }

    [Theory]
    [InlineData(0, 0, 30, 0)]
    [InlineData(2, 20, 38, 0)]
    [InlineData(10, 35, 38, 0)]
    [InlineData(30, 37.5, 38, 0)]
    [InlineData(2, 20, 38, 0.0183)]
    [InlineData(30, 37.5, 38, 0.0183)]
    public void Moments_AgreeWithASimulationOfTheGenerativeProcess(int x, double recency, double age, double weeklyDiscount)
    {
        var (r, alpha, a, b, p, q, gamma) = Cdnow;
        const double meanRepeat = 40;
        var value = OrderValuePosterior.After(p, q, gamma, x, x * meanRepeat);
        var (squares, squareOfSum) = BgNbdWindowDistribution.AliveCountSecondMoments(r, alpha, a, b, x, age, HorizonWeeks, weeklyDiscount);
        var alive = BgNbdPredictions.ProbabilityAlive(r, alpha, a, b, x, recency, age);
        var secondMoment = alive * value.InverseRateSecondMoment * ((p * squares) + (p * p * squareOfSum));

        var draws = Simulate(x, recency, age, weeklyDiscount, meanRepeat, 200_000, seed: 3);
        var (mcMean, mcSecond) = (draws.Average(), draws.Average(s => s * s));
        var secondError = Math.Sqrt((draws.Average(s => Math.Pow(s, 4)) - (mcSecond * mcSecond)) / draws.Length);
        output.WriteLine($"E[S²] {secondMoment:F2} simulated {mcSecond:F2} ± {secondError:F2}; E[S] simulated {mcMean:F3}");
        Assert.InRange(secondMoment, mcSecond - (4 * secondError), mcSecond + (4 * secondError));
    }

    [Theory]
    [MemberData(nameof(Customers))]
    public void Quantiles_AgreeWithASimulationOfTheGenerativeProcess(int x, double recency, double age)
    {
        var (r, alpha, a, b, p, q, gamma) = Cdnow;
        const double meanRepeat = 40;
        var value = OrderValuePosterior.After(p, q, gamma, x, x * meanRepeat);
        var zeroMass = BgNbdPredictions.ProbabilityNoPurchase(r, alpha, a, b, x, recency, age, HorizonWeeks);
        var mean = BgNbdPredictions.ExpectedTransactions(r, alpha, a, b, x, recency, age, HorizonWeeks) * value.Mean;
        var distribution = BgNbdWindowDistribution.WindowValue(r, alpha, a, b, x, recency, age, HorizonWeeks, 0, zeroMass, mean, value);

        var draws = Simulate(x, recency, age, 0, meanRepeat, 200_000, seed: 5);
        var simulatedZero = draws.Count(s => s == 0) / (double)draws.Length;
        var zeroError = Math.Sqrt(zeroMass * (1 - zeroMass) / draws.Length);
        var belowP90 = draws.Count(s => s <= distribution.Quantile(0.9)) / (double)draws.Length;
        output.WriteLine($"P(0) {zeroMass:F4} simulated {simulatedZero:F4}; P90 {distribution.Quantile(0.9):F2}, simulated share below it {belowP90:F4}");

        Assert.InRange(simulatedZero, zeroMass - (4 * zeroError), zeroMass + (4 * zeroError));
        // The lognormal is an approximation of the positive part, not its exact law: the share below P90 is
        // allowed 2.5 points around 90% (the simulation's own error is 0.07 points).
        Assert.InRange(belowP90, 0.875, 0.925);
    }

    [Theory]
    [InlineData("bgnbd")]
    [InlineData("no-dropout")]
    public void TrueModel_OnCustomersDrawnFromIt_PredictsTheirChurnSpendAndIntervals(string worldName)
    {
        // The full generative process of the world, customers observed to the calibration end in continuous time;
        // the holdout against the true model's forecast (the generating parameters, order values given every order).
        var world = WorldCatalogue.Find(worldName)!;
        Assert.True(world.IsBgNbdGammaGamma, $"clv worlds gives {worldName} no true-model row");
        var generated = WorldGenerator.Generate(world, 20_000, seed: 11);
        var calibrationEnd = (world.CalibrationEnd.DayNumber + 1 - world.Start.DayNumber) / 7.0;
        var horizon = world.EndWeeks - calibrationEnd;
        var model = new BgNbdModel(world.Purchases);
        var (inside, above, nominal, churned, predictedChurn) = (0, 0, 0.0, 0, 0.0);
        var spendErrors = new List<double>();
        var (predictions, actual) = (new List<ChurnSpendPrediction>(), new List<double>());
        foreach (var customer in generated.Customers)
        {
            var seen = customer.Purchases.Where(o => o.Weeks <= calibrationEnd).ToArray();
            var summary = new RfmSummary(
                seen.Length - 1, seen[^1].Weeks - seen[0].Weeks, calibrationEnd - seen[0].Weeks,
                seen.Length == 1 ? 0 : seen.Skip(1).Average(o => o.Amount), seen.Sum(o => o.Amount));
            var spend = customer.Purchases.Where(o => o.Weeks > calibrationEnd).Sum(o => o.Amount);
            var prediction = model.PredictWindow(summary, horizon, WorldOracle.OrderValues(world.Values, summary));
            inside += spend >= prediction.SpendP10 && spend <= prediction.SpendP90 ? 1 : 0;
            above += spend > prediction.SpendP90 ? 1 : 0;
            nominal += prediction.SpendIntervalProbability;
            churned += spend == 0 ? 1 : 0;
            predictedChurn += prediction.ChurnProbability;
            spendErrors.Add(spend - prediction.ExpectedSpend);
            predictions.Add(prediction);
            actual.Add(spend);
        }

        var count = (double)generated.Customers.Count;
        var (coverage, claimed) = (inside / count, nominal / count);
        // The randomised count of the same intervals: 80% for a calibrated forecast, whatever its zero mass.
        var randomised = SpendMetrics.RandomisedIntervalCoverage(
            predictions.Select(p => p.SpendZeroMass).ToArray(), predictions.Select(p => p.SpendP10).ToArray(), predictions.Select(p => p.SpendP90).ToArray(), actual);
        var meanError = spendErrors.Average();
        var meanErrorSe = Math.Sqrt(spendErrors.Average(e => (e - meanError) * (e - meanError)) / count);
        var churnSe = Math.Sqrt(predictedChurn / count * (1 - (predictedChurn / count)) / count);
        output.WriteLine($"{worldName}: churn {churned / count:F4} predicted {predictedChurn / count:F4}; spend error {meanError:F3} ± {meanErrorSe:F3}; coverage {coverage:F4}, claimed {claimed:F4}, randomised {randomised:F4}, above P90 {above / count:F4}");

        Assert.InRange(churned / count, (predictedChurn / count) - (4 * churnSe), (predictedChurn / count) + (4 * churnSe));
        Assert.InRange(meanError, -4 * meanErrorSe, 4 * meanErrorSe);
        // Sampling error of a share near 0.9 over 20,000 customers: 0.002; 1.5 points allowed for the lognormal.
        Assert.InRange(coverage, claimed - 0.015, claimed + 0.015);
        Assert.InRange(randomised, 0.80 - 0.015, 0.80 + 0.015);
        Assert.InRange(above / count, 0.085, 0.115);
    }

    [Theory]
    [InlineData(0, 0, 30)]
    [InlineData(4, 20, 38)]
    public void WithoutDropout_BgNbdsFormulas_AreTheNbdLimit(int x, double recency, double age)
    {
        // a = 0: P(alive) = 1, E[X(t)] = (r+x) t/(α+T), P(no purchase) = ((α+T)/(α+T+t))^(r+x),
        // discounted E = (r+x)/(α+T) (1 - e^(-δt))/δ with δ per week.
        var world = WorldCatalogue.Find("no-dropout")!;
        var (r, alpha, _, _) = world.Purchases;
        var model = new BgNbdModel(world.Purchases);
        var customer = new RfmSummary(x, recency, age, 0, 0);
        var rate = (r + x) / (alpha + age);
        const double dailyDiscount = 0.00026;

        Assert.Equal(1, model.ProbabilityAlive(customer));
        Assert.Equal(rate * HorizonWeeks, model.ExpectedTransactions(customer, HorizonWeeks), 1e-12);
        Assert.Equal(Math.Pow((alpha + age) / (alpha + age + HorizonWeeks), r + x), model.ProbabilityNoPurchase(customer, HorizonWeeks), 1e-12);
        Assert.Equal(rate * (1 - Math.Exp(-7 * dailyDiscount * 52)) / (7 * dailyDiscount), model.DiscountedExpectedTransactions(customer, 52, dailyDiscount), 1e-4);
    }

    [Fact]
    public void OrderValuesWithoutASecondMoment_StillGiveAFiniteInterval_WithTheFlooredShape()
    {
        // q = 1.5 and no repeat order: E[1/ν²] does not exist, so K uses the shape 2.5: γ² / (1.5 · 0.5).
        var (r, alpha, a, b, p, _, gamma) = Cdnow;
        var value = OrderValuePosterior.After(p, 1.5, gamma, 0, 0);
        Assert.Equal(gamma * gamma / (1.5 * 0.5), value.InverseRateSecondMoment, 1e-9);

        var zeroMass = BgNbdPredictions.ProbabilityNoPurchase(r, alpha, a, b, 0, 0, 10, HorizonWeeks);
        var mean = BgNbdPredictions.ExpectedTransactions(r, alpha, a, b, 0, 0, 10, HorizonWeeks) * value.Mean;
        var distribution = BgNbdWindowDistribution.WindowValue(r, alpha, a, b, 0, 0, 10, HorizonWeeks, 0, zeroMass, mean, value);
        Assert.True(double.IsFinite(distribution.Quantile(0.9)) && distribution.Quantile(0.9) > 0, $"P90 {distribution.Quantile(0.9)}");
    }

    // Window values drawn from the posterior given (x, t_x, T) and the repeat orders' mean.
    private static double[] Simulate(int x, double recency, double age, double weeklyDiscount, double meanRepeat, int count, int seed)
    {
        var (r, alpha, a, b, p, q, gamma) = Cdnow;
        var random = new Random(seed);
        var alive = BgNbdPredictions.ProbabilityAlive(r, alpha, a, b, x, recency, age);
        var draws = new double[count];
        for (var i = 0; i < count; i++)
        {
            if (random.NextDouble() >= alive)
            {
                continue;
            }

            var rate = Gamma(random, r + x) / (alpha + age);
            var dropout = Beta(random, a, b + x);
            var valueRate = Gamma(random, q + (p * x)) / (gamma + (x * meanRepeat));
            var total = 0.0;
            for (var t = Exponential(random, rate); t <= HorizonWeeks; t += Exponential(random, rate))
            {
                total += Math.Exp(-weeklyDiscount * t) * Gamma(random, p) / valueRate;
                if (random.NextDouble() < dropout)
                {
                    break;
                }
            }

            draws[i] = total;
        }

        return draws;
    }
}
