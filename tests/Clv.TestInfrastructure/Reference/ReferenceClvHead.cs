namespace Clv.TestInfrastructure.Reference;

/// <summary>
/// CLV within Hc: zero mass q(Hc) and E[discounted count | count >= 1] of the heads at the current recency
/// (<c>churn</c>), lognormal at o5 + ln E[discounted count | count >= 1] with scale e^(o6), o5 and o6 of the heads at
/// recency 0 (<c>outputsAtEvent</c>).
/// </summary>
public static class ReferenceClvHead
{
    public static ReferenceZeroInflatedLogNormal Clv(ReferenceChurnHead churn, double[] outputsAtEvent, double horizonDays, double annualDiscountRate)
    {
        var delta = Math.Log(1 + annualDiscountRate) / 365;
        var decay = churn.Dropout + delta;
        var discountedCount = churn.Rate * (1 - Math.Exp(-decay * horizonDays)) / decay;
        var location = outputsAtEvent[5] + Math.Log(discountedCount / churn.ActiveBuysWithin(horizonDays));
        return new(churn.Churn(horizonDays), location, Math.Exp(outputsAtEvent[6]));
    }
}
