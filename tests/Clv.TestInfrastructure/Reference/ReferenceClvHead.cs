namespace Clv.TestInfrastructure.Reference;

/// <summary>CLV within Hc: zero mass q(Hc), lognormal at o5 + ln E[discounted count | count >= 1] with scale e^(o6).</summary>
public static class ReferenceClvHead
{
    public static ReferenceZeroInflatedLogNormal Clv(ReferenceChurnHead churn, double[] outputs, double horizonDays, double annualDiscountRate)
    {
        var delta = Math.Log(1 + annualDiscountRate) / 365;
        var decay = churn.Dropout + delta;
        var discountedCount = churn.Rate * (1 - Math.Exp(-decay * horizonDays)) / decay;
        var location = outputs[5] + Math.Log(discountedCount / churn.ActiveBuysWithin(horizonDays));
        return new(churn.Churn(horizonDays), location, Math.Exp(outputs[6]));
    }
}
