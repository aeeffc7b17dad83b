namespace Clv.TestInfrastructure.Reference;

/// <summary>
/// Spend within H: zero mass q(H) of the heads at the current recency (<c>churn</c>), lognormal at
/// o3 + ln E[count | count >= 1] with scale e^(o4), both of the heads at recency 0 (<c>atEvent</c>, <c>outputsAtEvent</c>).
/// </summary>
public static class ReferenceSpendHead
{
    public static ReferenceZeroInflatedLogNormal Spend(ReferenceChurnHead churn, ReferenceChurnHead atEvent, double[] outputsAtEvent, double horizonDays)
    {
        var expectedCount = atEvent.Rate * (1 - Math.Exp(-atEvent.Dropout * horizonDays)) / atEvent.Dropout;
        var location = outputsAtEvent[3] + Math.Log(expectedCount / atEvent.ActiveBuysWithin(horizonDays));
        return new(churn.Churn(horizonDays), location, Math.Exp(outputsAtEvent[4]));
    }
}
