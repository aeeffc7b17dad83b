namespace Clv.TestInfrastructure.Reference;

/// <summary>
/// Spend within H: zero mass q(H) and E[count | count >= 1] of the heads at the current recency (<c>churn</c>), lognormal
/// at o3 + ln E[count | count >= 1] with scale e^(o4), o3 and o4 of the heads at recency 0 (<c>outputsAtEvent</c>).
/// </summary>
public static class ReferenceSpendHead
{
    public static ReferenceZeroInflatedLogNormal Spend(ReferenceChurnHead churn, double[] outputsAtEvent, double horizonDays)
    {
        var expectedCount = churn.Rate * (1 - Math.Exp(-churn.Dropout * horizonDays)) / churn.Dropout;
        var location = outputsAtEvent[3] + Math.Log(expectedCount / churn.ActiveBuysWithin(horizonDays));
        return new(churn.Churn(horizonDays), location, Math.Exp(outputsAtEvent[4]));
    }
}
