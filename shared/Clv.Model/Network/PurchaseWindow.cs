namespace Clv.Model.Network;

/// <summary>
/// How the horizon enters the heads, by structure rather than as an input ("buy till you die" per
/// state, after Pareto/NBD): the state gives pi = σ(a), the probability the customer is already
/// inactive; while active they buy at rate lambda = e^u per day and drop out at rate mu = e^w.
/// With nu = lambda + mu and rho = lambda / nu:
/// <code>q(H) = P(no purchase within H) = 1 - (1 - pi) rho (1 - e^(-nu H))</code>
/// and the expected (discounted at delta per day) purchase count given at least one is
/// <code>lambda ∫₀^H e^(-(mu+delta)t) dt / (rho (1 - e^(-nu H)))</code>.
/// The churn head is q(H); the spend heads are zero with probability q(H) and otherwise lognormal
/// with mu = m + <see cref="LogCountGivenAny"/>, so any horizon, also one longer than any seen in
/// training, is answered by the same three rates. Carries the derivatives the trainer needs.
/// </summary>
public readonly record struct PurchaseWindow(
    double ChurnLogit,
    double ChurnLogitByInactive,
    double ChurnLogitByLogRate,
    double ChurnLogitByLogDropout,
    double LogCountGivenAny,
    double LogCountByLogRate,
    double LogCountByLogDropout)
{
    // Rates per day outside [e^-25, e^8] mean nothing for a customer; clamping keeps an untrained head finite.
    private const double MinLogRate = -25;
    private const double MaxLogRate = 8;

    // Below this, 1 - e^(-x) and x / (e^x - 1) come from their series, exact to double precision.
    private const double SeriesBelow = 1e-5;

    private const double DaysPerYear = 365.0;

    public static PurchaseWindow Of(double inactiveLogit, double logRate, double logDropout, double horizonDays, double dailyDiscount) =>
        Of(inactiveLogit, logRate, logDropout, horizonDays, dailyDiscount, withDerivatives: true);

    /// <summary>
    /// Scoring's window: <see cref="ChurnLogit"/> and <see cref="LogCountGivenAny"/> only, the derivative
    /// fields left 0 (they cost two more exponentials and divisions that only the trainer reads).
    /// </summary>
    public static PurchaseWindow ForScoring(double inactiveLogit, double logRate, double logDropout, double horizonDays, double dailyDiscount) =>
        Of(inactiveLogit, logRate, logDropout, horizonDays, dailyDiscount, withDerivatives: false);

    private static PurchaseWindow Of(double inactiveLogit, double logRate, double logDropout, double horizonDays, double dailyDiscount, bool withDerivatives)
    {
        var u = Math.Clamp(logRate, MinLogRate, MaxLogRate);
        var w = Math.Clamp(logDropout, MinLogRate, MaxLogRate);
        var uSlope = u == logRate ? 1.0 : 0.0;
        var wSlope = w == logDropout ? 1.0 : 0.0;
        var rate = Math.Exp(u);
        var dropout = Math.Exp(w);
        var nu = rate + dropout;
        var rho = rate / nu;
        var x = nu * horizonDays;
        var y = (dropout + dailyDiscount) * horizonDays;

        var pi = BernoulliHead.Probability(inactiveLogit);
        var logAny = LogOneMinusExp(x);

        // P = 1 - q = (1 - pi) rho (1 - e^-x); logit(q) = log q - log P, and d logit / dθ = -(d log P / dθ) / q.
        var logP = -BernoulliHead.Softplus(inactiveLogit) + Math.Log(rho) + logAny;
        var q = pi + (1 - pi) * ((1 - rho) + rho * Math.Exp(-x));

        // log count = u + log H + log((1 - e^-y)/y) - log rho - log(1 - e^-x).
        var logCount = u + LogShare(y) + Math.Log(horizonDays) - Math.Log(rho) - logAny;
        if (!withDerivatives)
        {
            return new PurchaseWindow(Math.Log(q) - logP, 0, 0, 0, logCount, 0, 0);
        }

        var kx = EventShareSlope(x);
        var ky = EventShareSlope(y);
        var logPByU = (1 - rho) + kx * rho;
        var logPByW = -(1 - rho) * (1 - kx);
        return new PurchaseWindow(
            Math.Log(q) - logP,
            pi / q,
            uSlope * -logPByU / q,
            wSlope * -logPByW / q,
            logCount,
            uSlope * rho * (1 - kx),
            wSlope * ((ky - 1) * dropout / (dropout + dailyDiscount) + (1 - rho) * (1 - kx)));
    }

    /// <summary>The per-day continuous rate equivalent to an annual discount rate: (1+r)^(-t/365) = e^(-δt).</summary>
    public static double DailyDiscount(double annualRate) => Math.Log(1 + annualRate) / DaysPerYear;

    /// <summary>P(no purchase within the horizon).</summary>
    public double ChurnProbability => BernoulliHead.Probability(ChurnLogit);

    /// <summary>log(1 - e^-x).</summary>
    private static double LogOneMinusExp(double x) => x < SeriesBelow ? Math.Log(x * (1 - 0.5 * x)) : Math.Log(1 - Math.Exp(-x));

    /// <summary>log((1 - e^-y) / y), 0 at y = 0.</summary>
    private static double LogShare(double y) => y < SeriesBelow ? -0.5 * y : Math.Log((1 - Math.Exp(-y)) / y);

    /// <summary>x / (e^x - 1) = d log(1 - e^-x) / d log x.</summary>
    private static double EventShareSlope(double x) => x < SeriesBelow ? 1 - 0.5 * x : x * Math.Exp(-x) / (1 - Math.Exp(-x));
}
