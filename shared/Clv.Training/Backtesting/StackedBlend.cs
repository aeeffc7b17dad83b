using Clv.Model.Network;
using Clv.Model.Stacking;
using Clv.Training.Baselines;
using Clv.Training.Metrics;

namespace Clv.Training.Backtesting;

/// <summary>
/// A stacked combination of the MTL-LSTM and BG/NBD + Gamma-Gamma: churn by a logistic regression on
/// both models' churn logits, spend by the least-squares convex mix t x the LSTM's + (1 - t) x BG/NBD's with t in
/// [0, 1], so the stack's spend always lies between its components' (an unconstrained mix let a few huge orders in the
/// window scale a component up several times). The
/// weights are fitted on a pseudo-backtest inside the calibration period (both models refitted on
/// the events before a pseudo cutoff, scored on the window from it to the calibration end), never
/// on the holdout. The weights are the <see cref="StackWeights"/> a served stacked model blends with.
/// </summary>
public static class StackedBlend
{
    public static StackWeights Fit(IReadOnlyList<ChurnSpendPrediction> lstm, IReadOnlyList<ChurnSpendPrediction> bgNbd, IReadOnlyList<WindowOutcome> outcomes)
    {
        ChurnMetrics.RequireSameLength(lstm.Count, outcomes.Count);
        ChurnMetrics.RequireSameLength(bgNbd.Count, outcomes.Count);
        var lstmLogit = lstm.Select(p => StackWeights.Logit(p.ChurnProbability)).ToArray();
        var bgNbdLogit = bgNbd.Select(p => StackWeights.Logit(p.ChurnProbability)).ToArray();
        var churned = outcomes.Select(o => o.Churned).ToArray();
        double MeanLogLoss(double[] w)
        {
            var sum = 0.0;
            for (var i = 0; i < churned.Length; i++)
            {
                var z = w[0] + (w[1] * lstmLogit[i]) + (w[2] * bgNbdLogit[i]);
                // -log σ(±z) = softplus(∓z), computed without overflow.
                var signed = churned[i] ? -z : z;
                sum += Math.Max(signed, 0) + Math.Log(1 + Math.Exp(-Math.Abs(signed)));
            }

            return sum / churned.Length;
        }

        var churn = NelderMead.Minimize(MeanLogLoss, [0, 0.5, 0.5], -20, 20).Point;
        var spendLstm = ConvexLeastSquares(
            lstm.Select(p => p.ExpectedSpend).ToArray(), bgNbd.Select(p => p.ExpectedSpend).ToArray(), outcomes.Select(o => o.Spend).ToArray());
        return new StackWeights(churn[0], churn[1], churn[2], spendLstm, 1 - spendLstm);
    }

    /// <summary>
    /// The blend of two backtest forecasts as the served stacked model blends its scores: churn, spend, and P10/P90 of
    /// spend blended like the mean (the comonotone sum's quantiles). Its own probability of [P10, P90]: the sum is 0
    /// only where every component with a positive weight is, so its zero mass is the smallest of theirs (each
    /// component's zero mass is its churn probability), and the interval holds that atom whenever P10 = 0.
    /// </summary>
    public static ChurnSpendPrediction Combine(this StackWeights weights, ChurnSpendPrediction lstm, ChurnSpendPrediction bgNbd)
    {
        var zeroMass = Math.Min(
            weights.SpendLstmWeight > 0 ? lstm.ChurnProbability : 1,
            weights.SpendBgNbdWeight > 0 ? bgNbd.ChurnProbability : 1);
        return new ChurnSpendPrediction(
            weights.Churn(lstm.ChurnProbability, bgNbd.ChurnProbability),
            weights.Money(lstm.ExpectedSpend, bgNbd.ExpectedSpend),
            SpendP10: weights.Money(lstm.SpendP10, bgNbd.SpendP10),
            SpendP90: weights.Money(lstm.SpendP90, bgNbd.SpendP90),
            SpendIntervalProbability: ZeroInflatedLogNormalHead.IntervalProbability(zeroMass, 0.10, 0.90));
    }

    // min over t in [0, 1] of Σ (y - t u - (1 - t) v)² = Σ (r - t d)² with d = u - v, r = y - v: a parabola in t, least at
    // Σ r d / Σ d², so the optimum over [0, 1] is that clamped. Forecasts that never differ (Σ d² = 0) fit alike at any t: half each.
    private static double ConvexLeastSquares(double[] u, double[] v, double[] y)
    {
        double dd = 0, rd = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var d = u[i] - v[i];
            dd += d * d;
            rd += (y[i] - v[i]) * d;
        }

        return dd > 0 ? Math.Clamp(rd / dd, 0, 1) : 0.5;
    }
}
