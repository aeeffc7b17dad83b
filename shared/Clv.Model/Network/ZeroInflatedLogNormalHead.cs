namespace Clv.Model.Network;

/// <summary>
/// Zero-inflated lognormal (Wang, Liu &amp; Miao 2019, "A Deep Probabilistic Model for Customer
/// Lifetime Value Prediction"): y = 0 with probability 1-p, else log y ~ N(mu, sigma²), from
/// three outputs (logit p, mu, log sigma).
/// </summary>
public static class ZeroInflatedLogNormalHead
{
    private const double HalfLogTwoPi = 0.91893853320467274;

    // exp() beyond this overflows double; the clamp keeps a wild untrained head finite.
    private const double MaxExponent = 700;

    /// <summary>
    /// Negative log-likelihood of y with its gradient: for y = 0, -log(1-p); for y &gt; 0,
    /// -log p + log y + log sigma + ½log 2π + (log y - mu)²/(2 sigma²).
    /// </summary>
    public static double Loss(double logit, double mu, double logSigma, double y, out double dLogit, out double dMu, out double dLogSigma)
    {
        var p = BernoulliHead.Probability(logit);
        if (y <= 0)
        {
            dLogit = p;
            dMu = 0;
            dLogSigma = 0;
            return BernoulliHead.Softplus(logit);
        }

        var logY = Math.Log(y);
        var inverseVariance = Math.Exp(-2 * logSigma);
        var residual = logY - mu;
        dLogit = p - 1;
        dMu = -residual * inverseVariance;
        dLogSigma = 1 - residual * residual * inverseVariance;
        return BernoulliHead.Softplus(-logit) + logY + logSigma + HalfLogTwoPi + 0.5 * residual * residual * inverseVariance;
    }

    /// <summary>E[y] = p · exp(mu + sigma²/2).</summary>
    public static double Mean(double logit, double mu, double logSigma)
    {
        var sigma = Math.Exp(logSigma);
        return BernoulliHead.Probability(logit) * Math.Exp(Math.Min(MaxExponent, mu + 0.5 * sigma * sigma));
    }

    /// <summary>The q-quantile: 0 while q is within the zero mass 1-p, else exp(mu + sigma Φ⁻¹((q-(1-p))/p)).</summary>
    public static double Quantile(double logit, double mu, double logSigma, double q)
    {
        var p = BernoulliHead.Probability(logit);
        var zeroMass = 1 - p;
        if (q <= zeroMass || p <= 0)
        {
            return 0;
        }

        var z = StandardNormal.InverseCdf((q - zeroMass) / p);
        return Math.Exp(Math.Min(MaxExponent, mu + Math.Exp(logSigma) * z));
    }

    /// <summary>
    /// P(lower quantile &lt;= y &lt;= upper quantile) = F(Q(upper)) - F(Q(lower)⁻) under a zero mass
    /// <paramref name="zeroMass"/>: the atom at 0 is inside whenever Q(lower) = 0, so an interval
    /// from the 10th to the 90th percentile holds 90% of the probability once the zero mass passes 10%.
    /// </summary>
    public static double IntervalProbability(double zeroMass, double lower, double upper) =>
        (zeroMass >= upper ? zeroMass : upper) - (zeroMass >= lower ? 0 : lower);
}
