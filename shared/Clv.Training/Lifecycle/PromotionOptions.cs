namespace Clv.Training.Lifecycle;

/// <summary>How much worse than the active model a candidate may be and still be promoted.</summary>
public sealed class PromotionOptions
{
    /// <summary>Largest allowed drop in churn AUC (absolute), e.g. 0.005.</summary>
    public double MaxChurnAucDrop { get; set; } = 0.005;

    /// <summary>Largest allowed rise in spend MAE, relative to the active model's, e.g. 0.02 = 2 %.</summary>
    public double MaxSpendMaeIncrease { get; set; } = 0.02;

    /// <summary>With no active model, the candidate's churn AUC must exceed chance (0.5) by at least this.</summary>
    public double MinChurnAucOverChance { get; set; } = 0.02;
}
