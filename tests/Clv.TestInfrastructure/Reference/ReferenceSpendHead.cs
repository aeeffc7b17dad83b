namespace Clv.TestInfrastructure.Reference;

/// <summary>Spend within H: zero mass q(H), lognormal at o3 + ln E[count | count >= 1] with scale e^(o4).</summary>
public static class ReferenceSpendHead
{
    public static ReferenceZeroInflatedLogNormal Spend(ReferenceChurnHead churn, double[] outputs, double horizonDays)
    {
        var expectedCount = churn.Rate * (1 - Math.Exp(-churn.Dropout * horizonDays)) / churn.Dropout;
        var location = outputs[3] + Math.Log(expectedCount / churn.ActiveBuysWithin(horizonDays));
        return new(churn.Churn(horizonDays), location, Math.Exp(outputs[4]));
    }
}
