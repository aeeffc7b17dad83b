using Clv.Model;

namespace Clv.TestInfrastructure.Reference;

/// <summary>The reference's answer for one state: churn and the two zero-inflated lognormal mixtures.</summary>
public sealed record ReferenceScores(double Churn, ReferenceZeroInflatedLogNormal Spend, ReferenceZeroInflatedLogNormal Clv)
{
    public ModelScores ToModelScores() =>
        new(Churn, Spend.Mean, Spend.Quantile(0.1), Spend.Quantile(0.9), Clv.Mean, Clv.Quantile(0.1), Clv.Quantile(0.9));
}
