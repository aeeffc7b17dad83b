using Clv.Model.Stacking;
using Clv.Training.Baselines;
using Clv.Training.Metrics;

namespace Clv.Training.Backtesting;

/// <summary>
/// A stacked combination of the MTL-LSTM and BG/NBD + Gamma-Gamma: churn by a logistic regression on
/// both models' churn logits, spend by the least-squares mix w1 x the LSTM's + w2 x BG/NBD's with w1, w2 &gt;= 0 and
/// w1 + w2 &lt;= 1: the mix may shrink both forecasts toward 0 (where they over-forecast) but never predicts more than
/// the larger of them (unbounded, a few huge orders in the window scaled a component up almost twofold). The
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
        var (spendLstm, spendBgNbd) = CappedNonNegativeLeastSquares(
            lstm.Select(p => p.ExpectedSpend).ToArray(), bgNbd.Select(p => p.ExpectedSpend).ToArray(), outcomes.Select(o => o.Spend).ToArray());
        return new StackWeights(churn[0], churn[1], churn[2], spendLstm, spendBgNbd);
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
            SpendZeroMass: zeroMass);
    }

    // min Σ (y - a u - b v)² over a, b >= 0, a + b <= 1. The objective is convex: if the optimum over a, b >= 0 has
    // a + b <= 1 it is the answer; otherwise the segment from any feasible point to it crosses a + b = 1, so an optimum
    // lies on that face.
    private static (double A, double B) CappedNonNegativeLeastSquares(double[] u, double[] v, double[] y)
    {
        var (a, b) = NonNegativeLeastSquares(u, v, y);
        if (a + b <= 1)
        {
            return (a, b);
        }

        var t = BestOnTheFaceSummingToOne(u, v, y);
        return (t, 1 - t);
    }

    // min Σ (y - a u - b v)² over a, b >= 0: the 2x2 normal equations, or the better single-model fit when one weight would be negative.
    private static (double A, double B) NonNegativeLeastSquares(double[] u, double[] v, double[] y)
    {
        double uu = 0, vv = 0, uv = 0, uy = 0, vy = 0;
        for (var i = 0; i < y.Length; i++)
        {
            uu += u[i] * u[i];
            vv += v[i] * v[i];
            uv += u[i] * v[i];
            uy += u[i] * y[i];
            vy += v[i] * y[i];
        }

        var determinant = (uu * vv) - (uv * uv);
        if (determinant > 0)
        {
            var a = ((uy * vv) - (vy * uv)) / determinant;
            var b = ((vy * uu) - (uy * uv)) / determinant;
            if (a >= 0 && b >= 0)
            {
                return (a, b);
            }
        }

        var onlyU = uu > 0 ? Math.Max(0, uy / uu) : 0;
        var onlyV = vv > 0 ? Math.Max(0, vy / vv) : 0;
        // Residual sum of squares of y ≈ a u is Σy² - a·uy at the optimum a = uy/uu; compare the two.
        return onlyU * uy >= onlyV * vy ? (onlyU, 0) : (0, onlyV);
    }

    // min over t in [0, 1] of Σ (y - t u - (1 - t) v)² = Σ (r - t d)² with d = u - v, r = y - v: a parabola in t, least at
    // Σ r d / Σ d², so the optimum over [0, 1] is that clamped. Forecasts that never differ (Σ d² = 0) fit alike at any t: half each.
    private static double BestOnTheFaceSummingToOne(double[] u, double[] v, double[] y)
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
