namespace Clv.Model.Network;

/// <summary>
/// The active customer's gamma-mixed event rate as the heads give it, clamped to where it means something: mean
/// purchase rate lambda̅ = e^u, mean dropout rate mu̅ = e^w, shape k = e^κ (nu̅ = lambda̅ + mu̅, rho = lambda̅ / nu̅).
/// The slopes are 1 where the raw output was used and 0 where it was clamped.
/// </summary>
internal readonly record struct MixedRate(
    double LogRate, double LogDropout, double LogShape, double RateSlope, double DropoutSlope, double ShapeSlope)
{
    // Rates per day outside [e^-25, e^8] mean nothing for a customer; clamping keeps an untrained head finite.
    private const double MinLogRate = -25;
    private const double MaxLogRate = 8;

    // Shapes outside [e^-5, e^10]: beyond the upper end the mixture is one exponential rate to double precision.
    private const double MinLogShape = -5;
    private const double MaxLogShape = 10;

    public static MixedRate Of(double logRate, double logDropout, double logShape)
    {
        var u = Math.Clamp(logRate, MinLogRate, MaxLogRate);
        var w = Math.Clamp(logDropout, MinLogRate, MaxLogRate);
        var kappa = Math.Clamp(logShape, MinLogShape, MaxLogShape);
        return new MixedRate(u, w, kappa, u == logRate ? 1 : 0, w == logDropout ? 1 : 0, kappa == logShape ? 1 : 0);
    }

    public double Rate => Math.Exp(LogRate);

    public double Dropout => Math.Exp(LogDropout);

    public double Shape => Math.Exp(LogShape);

    public double Nu => Rate + Dropout;

    public double Rho => Rate / Nu;

    /// <summary>ln(1 + nu̅ t / k): ln G(t) = -k times it, G(t) = E[e^(-nu t)].</summary>
    public double LogGrowth(double days) => PreciseMath.LogOnePlus(Nu * days / Shape);
}
