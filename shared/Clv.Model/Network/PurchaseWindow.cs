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
/// expected count reaches the share v of its limit (exact without discount, by quadrature with it). As k grows,
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
    private const double DaysPerYear = 365.0;

    // The discounted count's quadrature: panels at most this wide in r and in k r, at most this many, and where
    // e^(-k r) is negligible.
    private const double PanelWidth = 2;
    private const int MaxPanels = 24;
    private const double NegligibleDecay = 40;

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
        var process = MixedRate.Of(logRate, logDropout, logShape);
        var (u, w) = (process.LogRate, process.LogDropout);
        var (dropout, shape, nu, rho) = (process.Dropout, process.Shape, process.Nu, process.Rho);

        // ln G(H) = -k ln(1 + x), x = nu̅ H / k; 1 - G(H) = P(an active customer meets an event within H).
        var x = nu * horizonDays / shape;
        var logOnePlusX = process.LogGrowth(horizonDays);
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
        var discounted = dailyDiscount == 0 ? (LogIntegral: Math.Log(v), ByW: 0.0, ByKappa: 0.0) : DiscountedIntegral(dropout, shape, horizonDays, dailyDiscount, withDerivatives);
        var logCount = u - w + discounted.LogIntegral - Math.Log(rho) - logAny;
        if (!withDerivatives)
        {
            return new PurchaseWindow(Math.Log(q) - logP, 0, 0, 0, 0, logCount, 0, 0, 0);
        }

        var (uSlope, wSlope, kappaSlope) = (process.RateSlope, process.DropoutSlope, process.ShapeSlope);

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

        // Without discount the integral is V: d ln V / dw = k (1 - V) y / ((1 + y) V), d ln V / dκ = k (1 - V)(ln(1 + y) - y / (1 + y)) / V.
        var (logIntegralByW, logIntegralByKappa) = dailyDiscount == 0
            ? (shape * notV * (y / (1 + y)) / v, shape * notV * (logOnePlusY - (y / (1 + y))) / v)
            : (discounted.ByW, discounted.ByKappa);

        return new PurchaseWindow(
            Math.Log(q) - logP,
            pi / q,
            uSlope * -logPByU / q,
            wSlope * -logPByW / q,
            kappaSlope * -logPByKappa / q,
            logCount,
            uSlope * (rho + oddsOfNone * logGByU),
            wSlope * (-rho + logIntegralByW + oddsOfNone * logGByW),
            kappaSlope * (logIntegralByKappa + oddsOfNone * logGByKappa));
    }

    /// <summary>The per-day continuous rate equivalent to an annual discount rate: (1+r)^(-t/365) = e^(-δt).</summary>
    public static double DailyDiscount(double annualRate) => Math.Log(1 + annualRate) / DaysPerYear;

    /// <summary>P(no purchase within the horizon).</summary>
    public double ChurnProbability => BernoulliHead.Probability(ChurnLogit);

    /// <summary>
    /// ln I and its slopes by w and κ, I = ∫₀^R k e^(-k r) e^(-delta t(r)) dr the discounted count over lambda̅ / mu̅,
    /// in r = ln(1 + mu̅ t / k), R = ln(1 + mu̅ H / k), t(r) = (k / mu̅)(e^r - 1): an entire integrand, integrated by
    /// Gauss-Legendre on panels short enough that neither e^(-k r) nor e^r changes much across one. Beyond
    /// r = 40 / k the integrand is below e^(-40) of its start, so R stops there.
    /// </summary>
    private static (double LogIntegral, double ByW, double ByKappa) DiscountedIntegral(
        double dropout, double shape, double horizonDays, double dailyDiscount, bool withDerivatives)
    {
        var y = dropout * horizonDays / shape;
        var full = PreciseMath.LogOnePlus(y);
        var capped = shape * full > NegligibleDecay;
        var end = capped ? NegligibleDecay / shape : full;
        var endByW = capped ? 0 : y / (1 + y);
        var endByKappa = capped ? -end : -y / (1 + y);
        var panels = (int)Math.Clamp(Math.Ceiling(Math.Max(end, shape * end) / PanelWidth), 1, MaxPanels);

        var nodes = GaussLegendre.Nodes;
        var weights = GaussLegendre.Weights;
        var (sum, byW, byKappa) = (0.0, 0.0, 0.0);
        for (var panel = 0; panel < panels; panel++)
        {
            for (var i = 0; i < nodes.Length; i++)
            {
                var fraction = (panel + nodes[i]) / panels;
                var r = end * fraction;
                // e^r - 1 without the small-r correction: its absolute error (1e-16) is nothing in e^(-delta t).
                var growth = Math.Exp(r) - 1;
                var time = shape / dropout * growth;
                var term = weights[i] * Math.Exp((-shape * r) - (dailyDiscount * time));
                sum += term;
                if (withDerivatives)
                {
                    // d ln(integrand · R k) through the substitution r = R · fraction, per unit of w and of κ.
                    var timeByEnd = shape / dropout * (growth + 1) * fraction;
                    byW += term * ((endByW / end) - (shape * fraction * endByW) - (dailyDiscount * (-time + (timeByEnd * endByW))));
                    byKappa += term * ((endByKappa / end) + 1 - (shape * r) - (shape * fraction * endByKappa) - (dailyDiscount * (time + (timeByEnd * endByKappa))));
                }
            }
        }

        sum /= panels;
        return (Math.Log(end * shape * sum), byW / panels / sum, byKappa / panels / sum);
    }
}
