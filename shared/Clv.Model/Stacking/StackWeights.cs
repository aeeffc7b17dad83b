namespace Clv.Model.Stacking;

/// <summary>
/// How a stacked model blends the MTL-LSTM with BG/NBD + Gamma-Gamma: churn logit = c0 + c1 logit(p_LSTM) +
/// c2 logit(p_BG/NBD) (a logistic regression on both logits), and every money figure (spend, CLV and their P10/P90)
/// = w1 x the LSTM's + w2 x BG/NBD + Gamma-Gamma's with w1, w2 &gt;= 0. The fit also caps w1 + w2 at 1 (the blend may
/// shrink the components' money figures but never exceed the larger); older builds fitted w1 and w2 without the cap, and
/// their files, whose weights may sum to more than 1, stay valid.
/// </summary>
public sealed record StackWeights(double ChurnIntercept, double ChurnLstmWeight, double ChurnBgNbdWeight, double SpendLstmWeight, double SpendBgNbdWeight)
{
    private const double ProbabilityFloor = 1e-6;

    /// <summary>Refuses weights no fit produces: a non-finite weight, or a negative money weight (which could make spend negative).</summary>
    /// <exception cref="ArgumentException">A weight is not finite, or a spend weight is negative.</exception>
    public void Validate()
    {
        foreach (var (name, value) in (ReadOnlySpan<(string, double)>)[
            ("churn intercept", ChurnIntercept), ("churn LSTM weight", ChurnLstmWeight), ("churn BG/NBD weight", ChurnBgNbdWeight),
            ("spend LSTM weight", SpendLstmWeight), ("spend BG/NBD weight", SpendBgNbdWeight)])
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"Stack weight {name} = {value} is not finite.");
            }
        }

        if (SpendLstmWeight < 0 || SpendBgNbdWeight < 0)
        {
            throw new ArgumentException($"Stack spend weights ({SpendLstmWeight}, {SpendBgNbdWeight}) must not be negative: a blend of non-negative spends must stay non-negative.");
        }
    }

    /// <summary>σ(c0 + c1 logit(p_LSTM) + c2 logit(p_BG/NBD)).</summary>
    public double Churn(double lstmProbability, double bgNbdProbability)
    {
        var z = ChurnIntercept + (ChurnLstmWeight * Logit(lstmProbability)) + (ChurnBgNbdWeight * Logit(bgNbdProbability));
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>w1 x the LSTM's figure + w2 x BG/NBD + Gamma-Gamma's.</summary>
    public double Money(double lstm, double bgNbd) => (SpendLstmWeight * lstm) + (SpendBgNbdWeight * bgNbd);

    /// <summary>
    /// The stacked scores from both components' scores. P10 and P90 are blended like the means: with w1, w2 &gt;= 0 that is
    /// exactly the quantile of w1 S_LSTM + w2 S_BG/NBD when the two forecasts are comonotone (see docs/model.md).
    /// </summary>
    public ModelScores Combine(in ModelScores lstm, in ModelScores bgNbd) => new(
        Churn(lstm.ChurnProbability, bgNbd.ChurnProbability),
        Money(lstm.ExpectedSpend, bgNbd.ExpectedSpend),
        Money(lstm.SpendP10, bgNbd.SpendP10),
        Money(lstm.SpendP90, bgNbd.SpendP90),
        Money(lstm.Clv, bgNbd.Clv),
        Money(lstm.ClvP10, bgNbd.ClvP10),
        Money(lstm.ClvP90, bgNbd.ClvP90));

    /// <summary>log(p / (1 - p)) of p clipped to [1e-6, 1 - 1e-6], so a 0 or 1 forecast stays finite.</summary>
    public static double Logit(double p)
    {
        var clipped = Math.Clamp(p, ProbabilityFloor, 1 - ProbabilityFloor);
        return Math.Log(clipped / (1 - clipped));
    }
}
