using Clv.Model.Data;
using Clv.Model.Features;
using Clv.Model.Network;
using Clv.TestInfrastructure.Reference;

namespace Clv.Model.Tests;

/// <summary>
/// Between two events of a customer the scores move only as the heads' process implies (docs/model.md,
/// "Between events"): P(inactive) grows by Bayes' rule during a silence and the gamma-mixed rate of those still
/// active falls to its posterior; rho, the shape and the value locations stay.
/// </summary>
public sealed class SilenceTests
{
    private static readonly double[] SilentDays = [0, 0.5, 1, 3, 7, 14, 30, 60, 90, 180, 365, 730];

    // Where the CLV ratio is also integrated independently (each integral is 100,000 slices).
    private static readonly double[] IntegratedDays = [0.5, 7, 30, 90, 365];

    [Theory]
    [InlineData(-1.0, -3.0, -6.0, 0.0)]
    [InlineData(0.5, -5.0, -4.0, -1.0)]
    [InlineData(-4.0, -1.0, -20.0, 2.0)]
    [InlineData(3.0, -4.0, -2.0, 0.5)]
    public void InactiveProbability_AfterASilence_IsBayesRuleOnTheMixture(double a, double u, double w, double kappa)
    {
        foreach (var days in SilentDays)
        {
            // The reference reweights a grid of rates by their likelihood of the silence, without the closed form.
            var reference = new ReferenceChurnHead([a, u, w, 0, 0, 0, 0, kappa], days);

            var silence = Silence.Of(a, u, w, kappa, days);

            Assert.Equal(reference.Active, 1 - BernoulliHead.Probability(silence.InactiveLogit), 1e-8);
            Assert.Equal(reference.Churn(273), PurchaseWindow.Of(silence.InactiveLogit, silence.LogRate, silence.LogDropout, kappa, 273, 0).ChurnProbability, 1e-8);
        }
    }

    [Fact]
    public void MeanRate_AfterASilence_IsTheGammaPosteriorMean()
    {
        // Gamma(k, b) after s silent days is Gamma(k, b + s): the mean k / (b + s) with b = k / nu̅.
        var (u, w, kappa, days) = (-3.0, -5.0, -0.5, 40.0);
        var (nu, shape) = (Math.Exp(u) + Math.Exp(w), Math.Exp(kappa));
        var posteriorMean = shape / ((shape / nu) + days);

        var silence = Silence.Of(0, u, w, kappa, days);

        Assert.Equal(posteriorMean, Math.Exp(silence.LogRate) + Math.Exp(silence.LogDropout), 1e-12);
        Assert.Equal(Math.Exp(u) / nu, Math.Exp(silence.LogRate) / posteriorMean, 1e-12);
    }

    [Theory]
    [InlineData(-1.0, -3.0, -6.0, 0.0, 30)]
    [InlineData(1.5, -6.0, -3.0, -1.0, 273)]
    [InlineData(-3.0, 0.5, -1.0, 2.0, 2)]
    [InlineData(0.0, -12.0, -15.0, 0.5, 200)]
    [InlineData(8.0, -2.0, -4.0, -3.0, 45)]
    public void Derivatives_MatchFiniteDifferences(double a, double u, double w, double kappa, double days)
    {
        const double step = 1e-6;
        var silence = Silence.Of(a, u, w, kappa, days);
        double Slope(Func<Silence, double> f, double da, double du, double dw, double dk) =>
            (f(Silence.Of(a + da, u + du, w + dw, kappa + dk, days)) - f(Silence.Of(a - da, u - du, w - dw, kappa - dk, days))) / (2 * step);

        Assert.Equal(Slope(s => s.InactiveLogit, step, 0, 0, 0), silence.InactiveByInactive, 1e-6);
        Assert.Equal(Slope(s => s.InactiveLogit, 0, step, 0, 0), silence.InactiveByLogRate, 1e-6);
        Assert.Equal(Slope(s => s.InactiveLogit, 0, 0, step, 0), silence.InactiveByLogDropout, 1e-6);
        Assert.Equal(Slope(s => s.InactiveLogit, 0, 0, 0, step), silence.InactiveByLogShape, 1e-6);
        Assert.Equal(Slope(s => s.LogRate, 0, step, 0, 0) - 1, silence.ShiftByLogRate, 1e-6);
        Assert.Equal(Slope(s => s.LogRate, 0, 0, step, 0), silence.ShiftByLogDropout, 1e-6);
        Assert.Equal(Slope(s => s.LogDropout, 0, 0, 0, step), silence.ShiftByLogShape, 1e-6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Scores_OfGeneratedSequences_MoveBetweenEventsAsTheStatedRelation(int seed)
    {
        var model = RandomModels.Create(seed, hidden: 16, dense: 12);
        var events = RandomModels.Events(15, seed + 50);
        var state = new CustomerState(model.Config.HiddenSize);
        var (horizon, clvHorizon) = (model.Config.HorizonDays, model.Config.ClvHorizonDays);
        var delta = Math.Log(1 + model.Config.AnnualDiscountRate) / 365;
        var inputs = new float[FeatureEncoder.OrderValueInputCount];
        var outputs = new float[ParameterLayout.HeadOutputs];
        foreach (var e in events)
        {
            state.Advance(model, e);
            var atEvent = state.Score(model, e.Time, horizon, clvHorizon);
            model.Encoder.OrderValueInputs(state.OrderValues, inputs);
            model.Heads(state.Hidden, inputs, outputs);
            var process = StatedProcess.Of(outputs);
            var countAtEvent = process.DiscountedCount(0, clvHorizon, delta);
            var previous = atEvent;
            foreach (var days in SilentDays)
            {
                var silent = state.Score(model, e.Time.AddDays(days), horizon, clvHorizon);

                // No event: CLV and spend never rise, churn never falls.
                Assert.True(silent.Clv <= previous.Clv * (1 + 1e-9), $"CLV rose from {previous.Clv} to {silent.Clv} at {days} silent days");
                Assert.True(silent.ExpectedSpend <= previous.ExpectedSpend * (1 + 1e-9), $"spend rose at {days} silent days");
                Assert.True(silent.ChurnProbability >= previous.ChurnProbability - 1e-9, $"churn fell at {days} silent days");
                previous = silent;

                // P(purchase within H | s) = (1 - pi(s)) rho (1 - (1 + nu̅_s H / k)^(-k)), and
                // CLV(s) / CLV(0) = [(1 - pi(s)) C(nu̅_s)] / [(1 - pi0) C(nu̅_0)] with C the discounted count.
                Assert.Equal(process.BuysWithin(days, horizon), 1 - silent.ChurnProbability, 1e-7);
                if (IntegratedDays.Contains(days) && atEvent.Clv > 1e-9 && silent.Clv > 1e-12)
                {
                    var expected = process.Active(days) * process.DiscountedCount(days, clvHorizon, delta) / (process.Active(0) * countAtEvent);
                    Assert.Equal(expected, silent.Clv / atEvent.Clv, 1e-5 * Math.Max(1, expected));
                }
            }
        }
    }

    [Fact]
    public void Clv_OfAMonthlyBuyer_After30SilentDays_FallsNoMoreThanSurvivalAndTheRatePosteriorImply()
    {
        // Issue 15's customer buys monthly: CLV 380.53 at a purchase, 195.18 thirty silent days later (-49%) while
        // churn moved 0.104 -> 0.121. Under the stated relation the fall is bounded below by P(still active) times
        // the rate's posterior shrink 1 / (1 + nu̅ s / k), since the count grows at most linearly with the rate.
        var model = RandomModels.Create(7, hidden: 16, dense: 12);
        var state = new CustomerState(model.Config.HiddenSize);
        var start = new DateTime(1997, 1, 3, 0, 0, 0, DateTimeKind.Utc);
        for (var month = 0; month < 9; month++)
        {
            state.Advance(model, new CustomerEvent(start.AddDays(30 * month), 40, false));
        }

        var last = start.AddDays(30 * 8);
        var (horizon, clvHorizon) = (model.Config.HorizonDays, model.Config.ClvHorizonDays);
        var atEvent = state.Score(model, last, horizon, clvHorizon);
        var silent = state.Score(model, last.AddDays(30), horizon, clvHorizon);
        var inputs = new float[FeatureEncoder.OrderValueInputCount];
        var outputs = new float[ParameterLayout.HeadOutputs];
        model.Encoder.OrderValueInputs(state.OrderValues, inputs);
        model.Heads(state.Hidden, inputs, outputs);
        var process = StatedProcess.Of(outputs);

        var floor = process.Active(30) / process.Active(0) / (1 + (process.MeanRate * 30 / process.Shape));
        Assert.InRange(silent.Clv / atEvent.Clv, floor, 1.0);
    }

    /// <summary>The stated relation, computed here from the emitted head outputs with its own integration.</summary>
    private sealed record StatedProcess(double Inactive, double MeanRate, double PurchaseShare, double Shape)
    {
        public static StatedProcess Of(float[] outputs)
        {
            var (rate, dropout) = (Math.Exp(outputs[ParameterLayout.LogRate]), Math.Exp(outputs[ParameterLayout.LogDropout]));
            return new(BernoulliHead.Probability(outputs[ParameterLayout.InactiveLogit]), rate + dropout, rate / (rate + dropout),
                Math.Exp(outputs[ParameterLayout.LogShape]));
        }

        private double Survival(double days) => Math.Pow(1 + (MeanRate * days / Shape), -Shape);

        private double MeanRateAfter(double days) => MeanRate / (1 + (MeanRate * days / Shape));

        /// <summary>1 - pi(s) = (1 - pi0) G(s) / [pi0 + (1 - pi0)((1 - rho)(1 - G(s)) + G(s))].</summary>
        public double Active(double days)
        {
            var g = Survival(days);
            var activeAndSilent = (1 - Inactive) * g;
            return activeAndSilent / (Inactive + ((1 - Inactive) * (1 - PurchaseShare) * (1 - g)) + activeAndSilent);
        }

        public double BuysWithin(double days, double horizon) =>
            Active(days) * PurchaseShare * (1 - Math.Pow(1 + (MeanRateAfter(days) * horizon / Shape), -Shape));

        /// <summary>∫₀^H e^(-δt) rho nu̅_s (1 + (1 - rho) nu̅_s t / k)^(-(k+1)) dt by the midpoint rule.</summary>
        public double DiscountedCount(double days, double horizon, double delta)
        {
            const int slices = 100_000;
            var nu = MeanRateAfter(days);
            var sum = 0.0;
            for (var i = 0; i < slices; i++)
            {
                var t = (i + 0.5) * horizon / slices;
                sum += Math.Exp(-delta * t) * PurchaseShare * nu * Math.Pow(1 + ((1 - PurchaseShare) * nu * t / Shape), -(Shape + 1));
            }

            return sum * horizon / slices;
        }
    }
}
