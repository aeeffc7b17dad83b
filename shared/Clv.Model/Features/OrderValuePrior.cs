namespace Clv.Model.Features;

/// <summary>
/// The population prior of customers' log order values, fitted on the training customers and stored with the
/// weights: the log-scale analogue of Gamma-Gamma's shrinkage. A customer's mean log order value is drawn from
/// N(<see cref="Mean"/>, <see cref="BetweenVariance"/>) and their orders scatter around it with a variance
/// whose prior guess is <see cref="WithinVariance"/>, worth <see cref="VariancePseudoCount"/> orders.
/// </summary>
public sealed record OrderValuePrior(double Mean, double BetweenVariance, double WithinVariance, double VariancePseudoCount)
{
    /// <summary>For a model that was never fitted: log order values centred on 0 with unit variances.</summary>
    public static OrderValuePrior Uninformative { get; } = new(0, 1, 1, 1);

    public bool IsValid =>
        double.IsFinite(Mean) &&
        BetweenVariance > 0 && double.IsFinite(BetweenVariance) &&
        WithinVariance > 0 && double.IsFinite(WithinVariance) &&
        VariancePseudoCount > 0 && double.IsFinite(VariancePseudoCount);

    /// <summary>
    /// The posterior mean of the customer's mean log order value: Mean + w (x̄ - Mean) with the weight from the
    /// count, w = n / (n + WithinVariance / BetweenVariance); the population mean before any purchase.
    /// </summary>
    public double ShrunkMean(in OrderValueMoments moments) =>
        Mean + (moments.Count / (moments.Count + (WithinVariance / BetweenVariance)) * (moments.Mean - Mean));

    /// <summary>
    /// The customer's variance of log order values shrunk toward the population's:
    /// (ν WithinVariance + Σ (x - x̄)²) / (ν + max(n - 1, 0)), ν = <see cref="VariancePseudoCount"/>.
    /// </summary>
    public double ShrunkVariance(in OrderValueMoments moments) =>
        ((VariancePseudoCount * WithinVariance) + moments.SumOfSquares) / (VariancePseudoCount + Math.Max(moments.Count - 1, 0));
}
