namespace Clv.TestInfrastructure.Reference;

/// <summary>
/// CLV within Hc: zero mass q(Hc) of the heads at the current recency (<c>churn</c>), lognormal at
/// o5 + ln E[discounted count | count >= 1] with scale e^(o6), both of the heads at recency 0.
/// </summary>
public static class ReferenceClvHead
{
    public static ReferenceZeroInflatedLogNormal Clv(ReferenceChurnHead churn, ReferenceChurnHead atEvent, double[] outputsAtEvent, double horizonDays, double annualDiscountRate)
    {
        var delta = Math.Log(1 + annualDiscountRate) / 365;
        var decay = atEvent.Dropout + delta;
        var discountedCount = atEvent.Rate * (1 - Math.Exp(-decay * horizonDays)) / decay;
        var location = outputsAtEvent[5] + Math.Log(discountedCount / atEvent.ActiveBuysWithin(horizonDays));
        return new(churn.Churn(horizonDays), location, Math.Exp(outputsAtEvent[6]));
    }
}
