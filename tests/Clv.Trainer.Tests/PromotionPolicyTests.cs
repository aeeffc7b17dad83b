using Clv.Training.Lifecycle;
using Clv.Training.Metrics;

namespace Clv.Trainer.Tests;

public sealed class PromotionPolicyTests
{
    private static readonly PromotionOptions Options = new() { MaxChurnAucDrop = 0.005, MaxSpendMaeIncrease = 0.02, MinChurnAucOverChance = 0.02 };
    private static readonly ModelMetrics Active = new(ChurnAuc: 0.80, ChurnLogLoss: 0.45, SpendMae: 40.0, SpendRmse: 90.0, Gini: 0.6);

    [Fact]
    public void Candidate_WithinTolerance_IsPromoted()
    {
        var candidate = Active with { ChurnAuc = 0.797, SpendMae = 40.5 };

        var decision = PromotionPolicy.Decide(candidate, Active, Options);

        Assert.True(decision.Promote, decision.Reason);
    }

    [Fact]
    public void Candidate_WithChurnAucDropBeyondTolerance_IsRejectedNamingAuc()
    {
        var candidate = Active with { ChurnAuc = 0.79 };

        var decision = PromotionPolicy.Decide(candidate, Active, Options);

        Assert.False(decision.Promote);
        Assert.Contains("churn AUC 0.7900 < active 0.8000", decision.Reason);
    }

    [Fact]
    public void Candidate_WithSpendMaeRiseBeyondTolerance_IsRejectedNamingMae()
    {
        var candidate = Active with { ChurnAuc = 0.85, SpendMae = 41.0 };

        var decision = PromotionPolicy.Decide(candidate, Active, Options);

        Assert.False(decision.Promote);
        Assert.Contains("spend MAE 41.00 > active 40.00", decision.Reason);
    }

    [Fact]
    public void Candidate_WithNonFiniteMetrics_IsRejected()
    {
        var candidate = Active with { ChurnLogLoss = double.NaN };

        Assert.False(PromotionPolicy.Decide(candidate, Active, Options).Promote);
    }

    [Theory]
    [InlineData(0.53, true)]
    [InlineData(0.51, false)]
    public void FirstModel_IsPromotedOnlyWhenBetterThanChance(double auc, bool promoted)
    {
        var decision = PromotionPolicy.Decide(Active with { ChurnAuc = auc }, active: null, Options);

        Assert.Equal(promoted, decision.Promote);
    }
}
