namespace Clv.Model.Network;

/// <summary>A binary outcome from a logit: p = σ(l), loss = binary cross-entropy.</summary>
public static class BernoulliHead
{
    public static double Probability(double logit) => 1 / (1 + Math.Exp(-logit));

    /// <summary>The inverse of <see cref="Probability"/>, with p kept off 0 and 1 so the logit stays finite.</summary>
    public static float Logit(double p)
    {
        var clamped = Math.Clamp(p, 1e-4, 1 - 1e-4);
        return (float)Math.Log(clamped / (1 - clamped));
    }

    /// <summary>-log P(label) = softplus(-l) for a positive label, softplus(l) otherwise; dL/dl = p - label.</summary>
    public static double Loss(double logit, bool label, out double dLogit)
    {
        dLogit = Probability(logit) - (label ? 1 : 0);
        return Softplus(label ? -logit : logit);
    }

    /// <summary>log(1 + e^x) without overflow.</summary>
    public static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));
}
