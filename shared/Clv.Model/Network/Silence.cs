namespace Clv.Model.Network;

/// <summary>
/// How the time since the last event enters the heads, by the same process as <see cref="PurchaseWindow"/>
/// rather than as an input: at the event the customer was already inactive with probability pi_0 = σ(a_0);
/// while active they buy at rate lambda and drop out at rate mu (nu = lambda + mu), both memoryless. A silence
/// of s days is read on the process's clock scaled by kappa = e^k (a head output: kappa below 1 reads a silence
/// as weaker evidence, as a purchase rate that varies between customers of one state would), t = kappa s, and by Bayes
/// <code>odds(inactive | silent for s) = [pi_0 + (1 - pi_0)(mu/nu)(1 - e^(-nu t))] / [(1 - pi_0) e^(-nu t)]</code>
/// so the inactive logit becomes a(s) = nu t + ln(e^(a_0) + (mu/nu)(1 - e^(-nu t))), never below a_0, growing with
/// s, while lambda, mu and the value locations stay as they were at the event. Every score therefore moves
/// between events only through pi(s): CLV(s) / CLV(0) = (1 - pi(s)) / (1 - pi_0) = P(purchase within H | s) /
/// P(purchase within H | 0) for any H. Carries the derivatives of a(s) the trainer chains through.
/// </summary>
public readonly record struct Silence(double InactiveLogit, double ByInactive, double ByLogRate, double ByLogDropout, double ByLogTimeScale)
{
    // e^±8: a clock more than ~3,000 times faster or slower than the process's means nothing; the clamp keeps an untrained head finite.
    private const double MaxLogTimeScale = 8;

    /// <summary>The inactive logit after <paramref name="days"/> without an event (a_0 itself at 0 days).</summary>
    public static Silence Of(double inactiveLogit, double logRate, double logDropout, double logTimeScale, double days)
    {
        if (!(days > 0))
        {
            return new Silence(inactiveLogit, 1, 0, 0, 0);
        }

        var u = PurchaseWindow.ClampLogRate(logRate);
        var w = PurchaseWindow.ClampLogRate(logDropout);
        var k = Math.Clamp(logTimeScale, -MaxLogTimeScale, MaxLogTimeScale);
        var rate = Math.Exp(u);
        var dropout = Math.Exp(w);
        var nu = rate + dropout;
        var t = Math.Exp(k) * days;
        var x = nu * t;

        // ln(e^(a_0) + c) with c = (mu/nu)(1 - e^-x), as a log-sum-exp so a large a_0 cannot overflow.
        var logC = Math.Log(dropout / nu) + PurchaseWindow.LogOneMinusExp(x);
        var high = Math.Max(inactiveLogit, logC);
        var logSum = high + Math.Log(Math.Exp(inactiveLogit - high) + Math.Exp(logC - high));

        // da/da_0 = e^(a_0) / S; da/dx = 1 + (mu/nu) e^-x / S; da/d(mu/nu) = (1 - e^-x) / S; d(mu/nu)/du = -(mu/nu) rho.
        var byInactive = Math.Exp(inactiveLogit - logSum);
        var cShare = Math.Exp(logC - logSum);
        var byX = 1 + Math.Exp(Math.Log(dropout / nu) - x - logSum);
        var rho = rate / nu;
        return new Silence(
            x + logSum,
            byInactive,
            u == logRate ? (byX * rate * t) - (cShare * rho) : 0,
            w == logDropout ? (byX * dropout * t) + (cShare * rho) : 0,
            k == logTimeScale ? byX * x : 0);
    }
}
