using Clv.Contracts.Files;
using Clv.Model.Data;
using Clv.Training.Baselines;
using Clv.Training.Worlds;

namespace Clv.Model.Tests.Worlds;

/// <summary>
/// The generated worlds against the equations of the models they are drawn from, not against the
/// generator's code: BG/NBD's E[X(t)] (FHL 2005 eq. 9) and its survival law, the NBD mean without
/// dropout, the Gamma-Gamma mean order value, and each modifier's law (docs/worlds.md). Each tolerance is four standard errors of the sample
/// mean at the sample's own spread (a false failure about once in 16,000 runs; the seeds are fixed anyway).
/// </summary>
public class WorldGeneratorTests
{
    private const int Customers = 100_000;
    private const double HorizonWeeks = 39;

    private static readonly WorldSpec BgNbd = WorldCatalogue.Find("bgnbd")!;
    private static readonly WorldSpec NoDropout = WorldCatalogue.Find("no-dropout")!;

    [Fact]
    public void BgNbdWorld_MeanRepeatPurchasesInTheFirst39Weeks_IsTheClosedFormExpectation()
    {
        var world = WorldGenerator.Generate(BgNbd, Customers, seed: 3);
        var (r, alpha, a, b) = BgNbd.Purchases;

        // E[X(t)] = (a+b-1)/(a-1) [1 - (α/(α+t))^r 2F1(r, b; a+b-1; t/(α+t))], FHL (2005) eq. 9.
        var t = HorizonWeeks;
        var expected = (a + b - 1) / (a - 1) * (1 - (Math.Pow(alpha / (alpha + t), r) * Hypergeometric(r, b, a + b - 1, t / (alpha + t))));

        AssertMeanWithin4StandardErrors(expected, world.Customers.Select(c => (double)RepeatsWithin(c, t)).ToArray());
    }

    [Fact]
    public void BgNbdWorld_ShareStillAliveAfter39Weeks_FollowsTheDropoutLaw()
    {
        var world = WorldGenerator.Generate(BgNbd, Customers, seed: 5);
        var (r, alpha, a, b) = BgNbd.Purchases;

        // Dropouts are the purchases thinned with probability p, a Poisson process of rate λp:
        // P(alive at t) = E[e^(-λpt)] = E_p[(α/(α+pt))^r] = (α/(α+t))^r 2F1(r, b; a+b; t/(α+t)) (Euler's integral, Pfaff's transformation).
        var t = HorizonWeeks;
        var expected = Math.Pow(alpha / (alpha + t), r) * Hypergeometric(r, b, a + b, t / (alpha + t));

        AssertMeanWithin4StandardErrors(expected, world.Customers.Select(c => c.DroppedOutAtWeeks is { } dropped && dropped <= c.FirstPurchaseWeeks + t ? 0.0 : 1.0).ToArray());
    }

    [Fact]
    public void NoDropoutWorld_MeanRepeatPurchases_IsTheNbdMean_AndNobodyDropsOut()
    {
        var world = WorldGenerator.Generate(NoDropout, Customers, seed: 7);
        var (r, alpha, _, _) = NoDropout.Purchases;

        // Without dropout X(t) is Poisson(λt) with λ ~ Gamma(r, α): E[X(t)] = r t / α.
        AssertMeanWithin4StandardErrors(r * HorizonWeeks / alpha, world.Customers.Select(c => (double)RepeatsWithin(c, HorizonWeeks)).ToArray());
        Assert.All(world.Customers, c => Assert.Null(c.DroppedOutAtWeeks));
    }

    [Fact]
    public void BgNbdWorld_MeanOrderValue_IsTheGammaGammaMean()
    {
        var world = WorldGenerator.Generate(BgNbd, Customers, seed: 9);
        var (p, q, gamma) = BgNbd.Values;

        // z ~ Gamma(p, ν), ν ~ Gamma(q, γ): E[z] = p E[1/ν] = p γ / (q - 1). One order per customer keeps the draws independent.
        AssertMeanWithin4StandardErrors(p * gamma / (q - 1), world.Customers.Select(c => c.Purchases[0].Amount).ToArray());
    }

    [Fact]
    public void TrueModelOrderValue_PredictsTheSecondOrderFromTheFirst_AmongLowAndHighFirstOrders()
    {
        var world = WorldGenerator.Generate(BgNbd, Customers, seed: 13);
        var repeaters = world.Customers.Where(c => c.Purchases.Count >= 2).ToArray();
        var median = repeaters.Select(c => c.Purchases[0].Amount).Order().ElementAt(repeaters.Length / 2);

        // Conditional calibration: among customers whose first order was low (high), the mean second
        // order must match the mean forecast made from the first alone. The population mean pγ/(q-1)
        // is right on average but fails both halves.
        foreach (var half in repeaters.GroupBy(c => c.Purchases[0].Amount < median))
        {
            var residuals = half
                .Select(c => c.Purchases[1].Amount - WorldOracle.ExpectedOrderValue(BgNbd.Values, new RfmSummary(0, 0, 0, 0, c.Purchases[0].Amount)))
                .ToArray();
            AssertMeanWithin4StandardErrors(0, residuals);
        }
    }

    [Fact]
    public void BgNbdFit_OnTheWrittenBgNbdWorld_RecoversTheGeneratingParameters()
    {
        var world = WorldGenerator.Generate(BgNbd, 10_000, seed: 11);
        var path = Path.Combine(Directory.CreateTempSubdirectory("clv-world-").FullName, "bgnbd.csv");
        world.WriteCsv(path);

        // The summaries as clv backtest builds them: the file read back, purchases collapsed to days, cut at the calibration end.
        var summaries = CustomerHistories.FromEvents(TransactionFileReader.Load(path).Events)
            .Select(h => RfmSummary.At(CustomerPurchaseDays.From(h), BgNbd.CalibrationEnd)!.Value)
            .ToArray();
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        var fitted = BgNbdModel.Fit(summaries).Parameters;

        // The tolerance: four standard errors of each log-parameter, from the observed information at the truth.
        var truth = BgNbd.Purchases;
        var standardErrors = LogParameterStandardErrors(truth, summaries);
        double[] expected = [truth.R, truth.Alpha, truth.A, truth.B];
        double[] actual = [fitted.R, fitted.Alpha, fitted.A, fitted.B];
        for (var j = 0; j < 4; j++)
        {
            Assert.True(Math.Abs(Math.Log(actual[j]) - Math.Log(expected[j])) < 4 * standardErrors[j],
                $"parameter {j}: fitted {actual[j]:G4}, true {expected[j]:G4}, standard error of the log {standardErrors[j]:G3}");
        }

        Assert.All(standardErrors, se => Assert.InRange(se, 0, 0.5)); // 10,000 customers pin every parameter down
    }

    [Fact]
    public void SeasonalWorld_WithoutDropout_PurchasesInDecemberAndJune_FollowTheIntegratedCycle()
    {
        var spec = WorldCatalogue.Find("seasonal")! with { Purchases = NoDropout.Purchases };
        var world = WorldGenerator.Generate(spec, Customers, seed: 17);
        var (r, alpha, _, _) = spec.Purchases;
        var (amplitude, peak) = (spec.SeasonalAmplitude, spec.SeasonalPeakDay);

        // E[purchases in (s, e]] = (r/α) ∫ 1 + A cos(2π (7t - d*) / 365.25) dt
        //                       = (r/α) [(e - s) + A 365.25 / (14π) (sin(2π (7e - d*) / 365.25) - sin(2π (7s - d*) / 365.25))].
        double Expected(double s, double e) =>
            r / alpha * ((e - s) + (amplitude * 365.25 / (14 * Math.PI)
                * (Math.Sin(2 * Math.PI * ((7 * e) - peak) / 365.25) - Math.Sin(2 * Math.PI * ((7 * s) - peak) / 365.25))));

        foreach (var (from, through) in new[] { (new DateOnly(1997, 12, 1), new DateOnly(1997, 12, 31)), (new DateOnly(1998, 6, 1), new DateOnly(1998, 6, 30)) })
        {
            var (s, e) = (Weeks(spec, from), Weeks(spec, through.AddDays(1)));
            AssertMeanWithin4StandardErrors(Expected(s, e), world.Customers.Select(c => (double)c.Purchases.Count(p => p.Weeks > s && p.Weeks <= e)).ToArray());
        }
    }

    [Fact]
    public void RegimeChangeWorld_WithoutDropout_PurchaseRateBeforeAndAfterTheChange_IsTheNbdMeanTimesTheFactor()
    {
        var spec = WorldCatalogue.Find("regime-change")! with { Purchases = NoDropout.Purchases };
        var world = WorldGenerator.Generate(spec, Customers, seed: 19);
        var (r, alpha, _, _) = spec.Purchases;
        var change = Weeks(spec, spec.RegimeChange!.Value);
        var cohortEnd = spec.CohortDays / 7.0;

        // Everyone is a customer from the cohort's end on: E[purchases in (s, e]] = (r/α)(e - s), times the factor after the change.
        AssertMeanWithin4StandardErrors(r / alpha * (change - cohortEnd), world.Customers.Select(c => (double)c.Purchases.Count(p => p.Weeks > cohortEnd && p.Weeks <= change)).ToArray());
        AssertMeanWithin4StandardErrors(spec.RegimeRateFactor * r / alpha * 13, world.Customers.Select(c => (double)c.Purchases.Count(p => p.Weeks > change && p.Weeks <= change + 13)).ToArray());
    }

    [Fact]
    public void WholesaleWorld_ShareOfWholesaleBuyersAndTheirOrderTail_FollowTheParetoLaw()
    {
        var spec = WorldCatalogue.Find("wholesale")!;
        var world = WorldGenerator.Generate(spec, Customers, seed: 23);
        var wholesale = world.Customers.Where(c => c.IsWholesale).ToArray();

        AssertMeanWithin4StandardErrors(spec.WholesaleShare, world.Customers.Select(c => c.IsWholesale ? 1.0 : 0.0).ToArray());
        // P(z > x) = (xₘ / x)^κ; one order per buyer keeps the draws independent.
        foreach (var x in new[] { 1_000.0, 4_000.0 })
        {
            AssertMeanWithin4StandardErrors(Math.Pow(spec.WholesaleMinimumOrder / x, spec.WholesaleTailIndex), wholesale.Select(c => c.Purchases[0].Amount > x ? 1.0 : 0.0).ToArray());
        }
    }

    [Fact]
    public void SpendTrendWorld_SpreadOfTheLogRatioOfTwoOrders_GrowsWithTheTimeBetweenThemAsTheDriftSays()
    {
        var spec = WorldCatalogue.Find("spend-trend")!;
        var world = WorldGenerator.Generate(spec, Customers, seed: 29);
        var repeaters = world.Customers.Where(c => c.Purchases.Count >= 2).ToArray();
        var sigma = spec.SpendDriftPerWeek;

        // ln(z₂/z₁) = g Δt + ln z'₂ - ln z'₁ with z' ~ Gamma(p, ν) (ν cancels) and g ~ Normal(0, σ²) independent:
        // E[ln(z₂/z₁)²] = σ² E[Δt²] + 2 ψ₁(p), ψ₁ the trigamma function. Each customer's term, centred on its own expectation:
        var trigamma = Trigamma(spec.Values.P);
        var residuals = repeaters.Select(c =>
        {
            var elapsed = c.Purchases[1].Weeks - c.Purchases[0].Weeks;
            var logRatio = Math.Log(c.Purchases[1].Amount / c.Purchases[0].Amount);
            return (logRatio * logRatio) - ((sigma * sigma * elapsed * elapsed) + (2 * trigamma));
        }).ToArray();

        AssertMeanWithin4StandardErrors(0, residuals);
    }

    [Fact]
    public void SameSeed_WritesTheSameFile_AnotherSeedADifferentOne()
    {
        var directory = Directory.CreateTempSubdirectory("clv-world-").FullName;
        try
        {
            string Write(WorldSpec spec, int seed, string name)
            {
                var path = Path.Combine(directory, name);
                WorldGenerator.Generate(spec, 500, seed).WriteCsv(path);
                return File.ReadAllText(path);
            }

            foreach (var spec in WorldCatalogue.All)
            {
                Assert.Equal(Write(spec, 42, "a.csv"), Write(spec, 42, "b.csv"));
                Assert.NotEqual(Write(spec, 42, "a.csv"), Write(spec, 43, "c.csv"));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void EveryWorld_WritesAFileTheBacktestReadsWithoutAMalformedRow()
    {
        var directory = Directory.CreateTempSubdirectory("clv-world-").FullName;
        try
        {
            foreach (var spec in WorldCatalogue.All)
            {
                var world = WorldGenerator.Generate(spec, 300, seed: 1);
                var path = Path.Combine(directory, spec.Name + ".csv");
                world.WriteCsv(path);

                var file = TransactionFileReader.Load(path);
                Assert.Empty(file.MalformedRows);
                Assert.Equal(world.Customers.Sum(c => c.Purchases.Count), file.Events.Count);
                Assert.All(file.Events, e => Assert.InRange(DateOnly.FromDateTime(e.OccurredAt.UtcDateTime), spec.Start, spec.HoldoutEnd));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static double Weeks(WorldSpec spec, DateOnly day) => (day.DayNumber - spec.Start.DayNumber) / 7.0;

    // ψ₁(x) by the recurrence ψ₁(x) = ψ₁(x+1) + 1/x² up to x >= 10, then the asymptotic series (error below 1e-9).
    private static double Trigamma(double x)
    {
        var sum = 0.0;
        for (; x < 10; x++)
        {
            sum += 1 / (x * x);
        }

        return sum + (1 / x) + (1 / (2 * x * x)) + (1 / (6 * x * x * x)) - (1 / (30 * Math.Pow(x, 5))) + (1 / (42 * Math.Pow(x, 7)));
    }

    private static int RepeatsWithin(GeneratedCustomer customer, double weeks) =>
        customer.Purchases.Count(p => p.Weeks > customer.FirstPurchaseWeeks && p.Weeks <= customer.FirstPurchaseWeeks + weeks);

    private static void AssertMeanWithin4StandardErrors(double expected, double[] sample)
    {
        var mean = sample.Average();
        var standardError = Math.Sqrt(sample.Sum(x => (x - mean) * (x - mean)) / (sample.Length - 1) / sample.Length);
        Assert.True(Math.Abs(mean - expected) < 4 * standardError,
            $"sample mean {mean:G6} vs expected {expected:G6}: {Math.Abs(mean - expected) / standardError:F1} standard errors apart");
    }

    // Gauss's series Σ (a)_n (b)_n / (c)_n zⁿ / n!, convergent for |z| < 1.
    private static double Hypergeometric(double a, double b, double c, double z)
    {
        double term = 1, sum = 1;
        for (var n = 0; n < 100_000 && Math.Abs(term) > 1e-15 * Math.Abs(sum); n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
        }

        return sum;
    }

    // √diag of the inverse of minus the Hessian of the total log-likelihood in (ln r, ln α, ln a, ln b), by central differences.
    private static double[] LogParameterStandardErrors(BgNbdParameters truth, IReadOnlyList<RfmSummary> customers)
    {
        double[] theta = [Math.Log(truth.R), Math.Log(truth.Alpha), Math.Log(truth.A), Math.Log(truth.B)];
        double LogLikelihood(double[] at)
        {
            var model = new BgNbdModel(new BgNbdParameters(Math.Exp(at[0]), Math.Exp(at[1]), Math.Exp(at[2]), Math.Exp(at[3])));
            return customers.Sum(c => model.LogLikelihood(c.Frequency, c.RecencyWeeks, c.AgeWeeks));
        }

        const double h = 1e-3;
        var information = new double[4, 4];
        for (var j = 0; j < 4; j++)
        {
            for (var k = j; k < 4; k++)
            {
                double Shifted(int sj, int sk)
                {
                    var at = (double[])theta.Clone();
                    at[j] += sj * h;
                    at[k] += sk * h;
                    return LogLikelihood(at);
                }

                information[j, k] = information[k, j] = -(Shifted(1, 1) - Shifted(1, -1) - Shifted(-1, 1) + Shifted(-1, -1)) / (4 * h * h);
            }
        }

        var covariance = Inverse(information);
        return Enumerable.Range(0, 4).Select(j => Math.Sqrt(covariance[j, j])).ToArray();
    }

    // Gauss-Jordan with partial pivoting; the information matrix is small and positive definite.
    private static double[,] Inverse(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var work = (double[,])matrix.Clone();
        var inverse = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            inverse[i, i] = 1;
        }

        for (var column = 0; column < n; column++)
        {
            var pivot = Enumerable.Range(column, n - column).MaxBy(row => Math.Abs(work[row, column]));
            for (var k = 0; k < n; k++)
            {
                (work[column, k], work[pivot, k]) = (work[pivot, k], work[column, k]);
                (inverse[column, k], inverse[pivot, k]) = (inverse[pivot, k], inverse[column, k]);
            }

            var scale = work[column, column];
            for (var k = 0; k < n; k++)
            {
                work[column, k] /= scale;
                inverse[column, k] /= scale;
            }

            for (var row = 0; row < n; row++)
            {
                if (row != column)
                {
                    var factor = work[row, column];
                    for (var k = 0; k < n; k++)
                    {
                        work[row, k] -= factor * work[column, k];
                        inverse[row, k] -= factor * inverse[column, k];
                    }
                }
            }
        }

        return inverse;
    }
}
