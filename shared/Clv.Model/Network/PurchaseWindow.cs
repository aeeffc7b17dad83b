namespace Clv.Model.Network;

/// <summary>
/// How the horizon enters the heads, by structure rather than as an input ("buy till you die" per state, with the
/// rate heterogeneous as in BG/NBD): the state gives pi = σ(a), the probability the customer is already inactive.
/// An active customer meets events at a rate nu, each a purchase with probability rho or their dropout otherwise, so
/// they buy at lambda = rho nu and drop out at mu = (1 - rho) nu per day; nu varies among the customers the state
/// stands for as Gamma(k, b) with mean nū = k / b. The heads give the mean rates lambda̅ = e^u, mu̅ = e^w
/// (nu̅ = lambda̅ + mu̅, rho = lambda̅ / nu̅) and the shape k = e^κ; G(t) = E[e^(-nu t)] = (1 + nu̅ t / k)^(-k):
/// <code>q(H) = P(no purchase within H) = 1 - (1 - pi) rho (1 - G(H))</code>
/// and the expected purchase count discounted at delta per day, given at least one, is
/// <code>E[lambda ∫₀^H e^(-(mu+delta)t) dt] / (rho (1 - G(H))) = (lambda̅/mu̅) ∫₀^V e^(-delta t(v)) dv / (rho (1 - G(H)))</code>
/// with V = 1 - (1 + mu̅ H / k)^(-k) and t(v) = (k / mu̅)((1 - v)^(-1/k) - 1), the time by which an active customer's
/// expected count reaches the share v of its limit (Gauss-Legendre quadrature; exact without discount). As k grows,
/// G(t) tends to e^(-nu̅ t), one exponential rate per state. The churn head is q(H); the spend heads are zero with
/// probability q(H) and otherwise lognormal with mu = m + <see cref="LogCountGivenAny"/>, so any horizon is answered
/// by the same four numbers. Carries the derivatives the trainer needs.
/// </summary>
public readonly record struct PurchaseWindow(
    double ChurnLogit,
    double ChurnLogitByInactive,
    double ChurnLogitByLogRate,
    double ChurnLogitByLogDropout,
    double ChurnLogitByLogShape,
    double LogCountGivenAny,
    double LogCountByLogRate,
    double LogCountByLogDropout,
    double LogCountByLogShape)
{
    // Rates per day outside [e^-25, e^8] mean nothing for a customer; clamping keeps an untrained head finite.
    private const double MinLogRate = -25;
    private const double MaxLogRate = 8;

    // Shapes outside [e^-5, e^10]: beyond the upper end the mixture is one exponential rate to double precision.
    private const double MinLogShape = -5;
    private const double MaxLogShape = 10;

    private const double DaysPerYear = 365.0;

    public static PurchaseWindow Of(double inactiveLogit, double logRate, double logDropout, double logShape, double horizonDays, double dailyDiscount) =>
        Of(inactiveLogit, logRate, logDropout, logShape, horizonDays, dailyDiscount, withDerivatives: true);

    /// <summary>
    /// Scoring's window: <see cref="ChurnLogit"/> and <see cref="LogCountGivenAny"/> only, the derivative
    /// fields left 0 (only the trainer reads them).
    /// </summary>
    public static PurchaseWindow ForScoring(double inactiveLogit, double logRate, double logDropout, double logShape, double horizonDays, double dailyDiscount) =>
        Of(inactiveLogit, logRate, logDropout, logShape, horizonDays, dailyDiscount, withDerivatives: false);

    private static PurchaseWindow Of(double inactiveLogit, double logRate, double logDropout, double logShape, double horizonDays, double dailyDiscount, bool withDerivatives)
    {
        var u = ClampLogRate(logRate);
        var w = ClampLogRate(logDropout);
        var kappa = ClampLogShape(logShape);
        var rate = Math.Exp(u);
        var dropout = Math.Exp(w);
        var shape = Math.Exp(kappa);
        var nu = rate + dropout;
        var rho = rate / nu;

        // ln G(H) = -k ln(1 + x), x = nu̅ H / k; 1 - G(H) = P(an active customer meets an event within H).
        var x = nu * horizonDays / shape;
        var logOnePlusX = PreciseMath.LogOnePlus(x);
        var logG = -shape * logOnePlusX;
        var anyEvent = -PreciseMath.ExpMinusOne(logG);
        var logAny = Math.Log(anyEvent);

        var pi = BernoulliHead.Probability(inactiveLogit);
        var logP = -BernoulliHead.Softplus(inactiveLogit) + Math.Log(rho) + logAny;
        var q = pi + (1 - pi) * (1 - rho * anyEvent);

        // V = 1 - (1 + y)^(-k), y = mu̅ H / k: the undiscounted count is (lambda̅ / mu̅) V.
        var y = dropout * horizonDays / shape;
        var logOnePlusY = PreciseMath.LogOnePlus(y);
        var notV = Math.Exp(-shape * logOnePlusY);
        var v = -PreciseMath.ExpMinusOne(-shape * logOnePlusY);
        var discount = DiscountShare(v, dropout, shape, dailyDiscount);
        var logCount = u - w + Math.Log(v) + Math.Log(discount) - Math.Log(rho) - logAny;
        if (!withDerivatives)
        {
            return new PurchaseWindow(Math.Log(q) - logP, 0, 0, 0, 0, logCount, 0, 0, 0);
        }

        var uSlope = u == logRate ? 1.0 : 0.0;
        var wSlope = w == logDropout ? 1.0 : 0.0;
        var kappaSlope = kappa == logShape ? 1.0 : 0.0;

        // d ln G / d(u, w, κ) and d log(1 - G) = -G / (1 - G) d ln G.
        var g = x / (1 + x);
        var logGByU = -rho * shape * g;
        var logGByW = -(1 - rho) * shape * g;
        var logGByKappa = shape * (g - logOnePlusX);
        var oddsOfNone = Math.Exp(logG) / anyEvent;

        // logit(q) = log q - log P, and d logit / dθ = -(d log P / dθ) / q.
        var logPByU = (1 - rho) - oddsOfNone * logGByU;
        var logPByW = -(1 - rho) - oddsOfNone * logGByW;
        var logPByKappa = -oddsOfNone * logGByKappa;

        // d ln V / dw = k (1 - V) y / ((1 + y) V); d V / dk = (1 - V)(ln(1 + y) - y / (1 + y)).
        var vByShape = notV * (logOnePlusY - y / (1 + y));
        var logVByW = shape * notV * (y / (1 + y)) / v;
        var logVByKappa = shape * vByShape / v;
        var (logShareByW, logShareByKappa) = DiscountShareSlopes(v, dropout, shape, dailyDiscount, discount, v * logVByW, vByShape);

        return new PurchaseWindow(
            Math.Log(q) - logP,
            pi / q,
            uSlope * -logPByU / q,
            wSlope * -logPByW / q,
            kappaSlope * -logPByKappa / q,
            logCount,
            uSlope * (rho + oddsOfNone * logGByU),
            wSlope * (-rho + logVByW + logShareByW + oddsOfNone * logGByW),
            kappaSlope * (logVByKappa + logShareByKappa + oddsOfNone * logGByKappa));
    }

    /// <summary>The per-day continuous rate equivalent to an annual discount rate: (1+r)^(-t/365) = e^(-δt).</summary>
    public static double DailyDiscount(double annualRate) => Math.Log(1 + annualRate) / DaysPerYear;

    /// <summary>P(no purchase within the horizon).</summary>
    public double ChurnProbability => BernoulliHead.Probability(ChurnLogit);

    /// <summary>A log rate per day within the range where it means something for a customer.</summary>
    internal static double ClampLogRate(double logRate) => Math.Clamp(logRate, MinLogRate, MaxLogRate);

    /// <summary>A log shape of the rate's gamma mixture within the range where it changes anything.</summary>
    internal static double ClampLogShape(double logShape) => Math.Clamp(logShape, MinLogShape, MaxLogShape);

    /// <summary>
    /// D = ∫₀^1 e^(-delta t(V s)) ds, the discounted share of the undiscounted count (1 without discount), by
    /// Gauss-Legendre on s: t(v) = (k / mu̅) expm1(ℓ / k), ℓ = -ln(1 - v).
    /// </summary>
    private static double DiscountShare(double v, double dropout, double shape, double dailyDiscount)
    {
        if (dailyDiscount == 0)
        {
            return 1;
        }

        var nodes = GaussLegendre.Nodes;
        var weights = GaussLegendre.Weights;
        var share = 0.0;
        for (var i = 0; i < nodes.Length; i++)
        {
            var time = shape / dropout * PreciseMath.ExpMinusOne(-PreciseMath.LogOnePlus(-v * nodes[i]) / shape);
            share += weights[i] * Math.Exp(-dailyDiscount * time);
        }

        return share;
    }

    /// <summary>d ln D / dw and d ln D / dκ, given dV/dw and dV/dk.</summary>
    private static (double ByW, double ByKappa) DiscountShareSlopes(
        double v, double dropout, double shape, double dailyDiscount, double share, double vByW, double vByShape)
    {
        if (dailyDiscount == 0)
        {
            return (0, 0);
        }

        var nodes = GaussLegendre.Nodes;
        var weights = GaussLegendre.Weights;
        var (byW, byShape) = (0.0, 0.0);
        for (var i = 0; i < nodes.Length; i++)
        {
            var s = nodes[i];
            var scaled = -PreciseMath.LogOnePlus(-v * s) / shape;
            var growth = Math.Exp(scaled);
            var time = shape / dropout * PreciseMath.ExpMinusOne(scaled);
            var timeByV = growth * s / (dropout * (1 - v * s));
            var timeByW = -time + timeByV * vByW;
            var timeByShape = (PreciseMath.ExpMinusOne(scaled) - scaled * growth) / dropout + timeByV * vByShape;
            var weighted = weights[i] * Math.Exp(-dailyDiscount * time);
            byW += weighted * timeByW;
            byShape += weighted * timeByShape;
        }

        return (-dailyDiscount * byW / share, -dailyDiscount * shape * byShape / share);
    }
}
