using Clv.Model.Features;
using Clv.Model.Network;

namespace Clv.Model.Tests;

/// <summary>
/// Between two events of a customer the scores move only as the heads' process implies (docs/model.md,
/// "Between events"): P(inactive) grows by Bayes' rule during a silence, the rates and value locations stay.
/// </summary>
public sealed class SilenceTests
{
    private static readonly double[] SilentDays = [0, 0.5, 1, 3, 7, 14, 30, 60, 90, 180, 365, 730];

    [Theory]
    [InlineData(-1.0, -3.0, -6.0, 0.0)]
    [InlineData(0.5, -5.0, -4.0, -1.0)]
    [InlineData(-4.0, -1.0, -20.0, 0.7)]
    [InlineData(3.0, -7.0, -2.0, -2.5)]
    public void InactiveProbability_AfterASilence_IsBayesRuleOnTheProcess(double inactiveLogit, double logRate, double logDropout, double logTimeScale)
    {
        var pi0 = BernoulliHead.Probability(inactiveLogit);
        var (rate, dropout) = (Math.Exp(logRate), Math.Exp(logDropout));
        foreach (var days in SilentDays)
        {
            // Silent for s days, e^k s on the process's clock: inactive at the event, or active and dropped out
            // before a first purchase; or active and nothing happened.
            var stillActive = Math.Exp(-(rate + dropout) * Math.Exp(logTimeScale) * days);
            var inactiveAndSilent = pi0 + ((1 - pi0) * dropout / (rate + dropout) * (1 - stillActive));
            var activeAndSilent = (1 - pi0) * stillActive;

            var silence = Silence.Of(inactiveLogit, logRate, logDropout, logTimeScale, days);

            Assert.Equal(activeAndSilent / (inactiveAndSilent + activeAndSilent), 1 - BernoulliHead.Probability(silence.InactiveLogit), 1e-12);
        }
    }

    [Theory]
    [InlineData(-1.0, -3.0, -6.0, 0.0, 30)]
    [InlineData(1.5, -6.0, -3.0, -1.2, 273)]
    [InlineData(-3.0, 0.5, -1.0, 0.4, 2)]
    [InlineData(0.0, -12.0, -15.0, 2.0, 200)]
    [InlineData(8.0, -2.0, -4.0, -0.3, 45)]
    public void Derivatives_MatchFiniteDifferences(double a, double u, double w, double k, double days)
    {
        const double step = 1e-6;
        var silence = Silence.Of(a, u, w, k, days);
        double At(double da, double du, double dw, double dk) => Silence.Of(a + da, u + du, w + dw, k + dk, days).InactiveLogit;

        Assert.Equal((At(step, 0, 0, 0) - At(-step, 0, 0, 0)) / (2 * step), silence.ByInactive, 1e-6);
        Assert.Equal((At(0, step, 0, 0) - At(0, -step, 0, 0)) / (2 * step), silence.ByLogRate, 1e-6);
        Assert.Equal((At(0, 0, step, 0) - At(0, 0, -step, 0)) / (2 * step), silence.ByLogDropout, 1e-6);
        Assert.Equal((At(0, 0, 0, step) - At(0, 0, 0, -step)) / (2 * step), silence.ByLogTimeScale, 1e-6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Scores_OfGeneratedSequences_MoveBetweenEventsOnlyThroughTheInactiveProbability(int seed)
    {
        var model = RandomModels.Create(seed, hidden: 16, dense: 12);
        var events = RandomModels.Events(30, seed + 50);
        var state = new CustomerState(model.Config.HiddenSize);
        var (horizon, clvHorizon) = (model.Config.HorizonDays, model.Config.ClvHorizonDays);
        var inputs = new float[FeatureEncoder.OrderValueInputCount];
        var outputs = new float[ParameterLayout.HeadOutputs];
        foreach (var e in events)
        {
            state.Advance(model, e);
            var atEvent = state.Score(model, e.Time, horizon, clvHorizon);
            model.Encoder.OrderValueInputs(state.OrderValues, inputs);
            model.Heads(state.Hidden, inputs, outputs);
            var pi0 = BernoulliHead.Probability(outputs[0]);
            var (rate, dropout, timeScale) = (Math.Exp(outputs[1]), Math.Exp(outputs[2]), Math.Exp(outputs[7]));
            var previous = atEvent;
            foreach (var days in SilentDays)
            {
                var silent = state.Score(model, e.Time.AddDays(days), horizon, clvHorizon);

                // No event: CLV and spend never rise, churn never falls.
                Assert.True(silent.Clv <= previous.Clv * (1 + 1e-12), $"CLV rose from {previous.Clv} to {silent.Clv} at {days} silent days");
                Assert.True(silent.ExpectedSpend <= previous.ExpectedSpend * (1 + 1e-12), $"spend rose at {days} silent days");
                Assert.True(silent.ChurnProbability >= previous.ChurnProbability - 1e-12, $"churn fell at {days} silent days");
                previous = silent;

                // CLV(s) / CLV(0) = (1 - pi(s)) / (1 - pi0) = P(purchase within H | s) / P(purchase within H | 0).
                var stillActive = Math.Exp(-(rate + dropout) * timeScale * days);
                var activeAndSilent = (1 - pi0) * stillActive;
                var active = activeAndSilent / (pi0 + ((1 - pi0) * dropout / (rate + dropout) * (1 - stillActive)) + activeAndSilent);
                if (atEvent.Clv > 1e-9 && active > 1e-9)
                {
                    var ratio = silent.Clv / atEvent.Clv;
                    Assert.Equal(active / (1 - pi0), ratio, 1e-6 * Math.Max(1, ratio));
                    Assert.Equal((1 - silent.ChurnProbability) / (1 - atEvent.ChurnProbability), ratio, 1e-6 * Math.Max(1, ratio));
                    Assert.Equal(silent.ExpectedSpend / atEvent.ExpectedSpend, ratio, 1e-6 * Math.Max(1, ratio));
                }
            }
        }
    }
}
