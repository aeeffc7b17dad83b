namespace Clv.Model.Network;

/// <summary>
/// How the time since the last event enters the heads, by the same process as <see cref="PurchaseWindow"/> rather
/// than as an input. At the event the customer was inactive with probability pi_0 = σ(a_0); an active customer's
/// event rate nu is Gamma(k, b) with mean nu̅ = k / b, each event a purchase with probability rho. After s silent days,
/// with G(s) = E[e^(-nu s)] = (1 + nu̅ s / k)^(-k), by Bayes:
/// <code>odds(inactive | silent for s) = [pi_0 + (1 - pi_0)(1 - rho)(1 - G(s))] / [(1 - pi_0) G(s)]</code>
/// so a(s) = -ln G(s) + ln(e^(a_0) + (1 - rho)(1 - G(s))), never below a_0; and the rate of those still active is
/// Gamma(k, b + s), as BG/NBD's Gamma(r + x, alpha + T): both mean rates shrink by the factor 1 / (1 + nu̅ s / k),
/// rho and k stay. So a silence first lowers the expected rate, then declares the customer gone; the value
/// locations stay as at the event. Carries the derivatives the trainer chains through.
/// </summary>
public readonly record struct Silence(
    double InactiveLogit,
    double LogRate,
    double LogDropout,
    double InactiveByInactive,
    double InactiveByLogRate,
    double InactiveByLogDropout,
    double InactiveByLogShape,
    double ShiftByLogRate,
    double ShiftByLogDropout,
    double ShiftByLogShape)
{
    /// <summary>The state after <paramref name="days"/> without an event (the event's own at 0 days).</summary>
    public static Silence Of(double inactiveLogit, double logRate, double logDropout, double logShape, double days)
    {
        if (!(days > 0))
        {
            return new Silence(inactiveLogit, logRate, logDropout, 1, 0, 0, 0, 0, 0, 0);
        }

        var process = MixedRate.Of(logRate, logDropout, logShape);
        var (u, w) = (process.LogRate, process.LogDropout);
        var (shape, nu, rho) = (process.Shape, process.Nu, process.Rho);
        var x = nu * days / shape;
        var logOnePlusX = process.LogGrowth(days);
        var logG = -shape * logOnePlusX;

        // ln(e^(a_0) + c), c = (1 - rho)(1 - G), as a log-sum-exp so a large a_0 cannot overflow.
        var logDropShare = w - Math.Log(nu);
        var logC = logDropShare + Math.Log(-PreciseMath.ExpMinusOne(logG));
        var high = Math.Max(inactiveLogit, logC);
        var logSum = high + Math.Log(Math.Exp(inactiveLogit - high) + Math.Exp(logC - high));

        // a(s) = -ln G + ln S: da/dθ = -(1 + (1 - rho) G / S) d ln G / dθ + (c / S) d ln(1 - rho) / dθ.
        var g = x / (1 + x);
        var logGByU = -rho * shape * g;
        var logGByW = -(1 - rho) * shape * g;
        var logGByKappa = shape * (g - logOnePlusX);
        var survivorsShare = 1 + Math.Exp(logDropShare + logG - logSum);
        var cShare = Math.Exp(logC - logSum);
        var (uSlope, wSlope, kappaSlope) = (process.RateSlope, process.DropoutSlope, process.ShapeSlope);
        return new Silence(
            logSum - logG,
            u - logOnePlusX,
            w - logOnePlusX,
            Math.Exp(inactiveLogit - logSum),
            uSlope * (-survivorsShare * logGByU - cShare * rho),
            wSlope * (-survivorsShare * logGByW + cShare * rho),
            kappaSlope * -survivorsShare * logGByKappa,
            uSlope * -rho * g,
            wSlope * -(1 - rho) * g,
            kappaSlope * g);
    }
}
