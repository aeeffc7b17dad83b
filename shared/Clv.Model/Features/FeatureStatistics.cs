namespace Clv.Model.Features;

/// <summary>
/// Normalisation statistics (mean, standard deviation) of the standardised inputs, fitted on
/// training data only and stored with the weights so scoring standardises exactly as training did.
/// Amount and gap are log1p of dollars and days; recency is log1p days. <see cref="OrderValues"/> is the
/// population prior the heads' order-value inputs are shrunk toward.
/// </summary>
public sealed record FeatureStatistics(
    double LogAmountMean,
    double LogAmountStd,
    double LogGapMean,
    double LogGapStd,
    double LogRecencyMean,
    double LogRecencyStd)
{
    /// <summary>No standardisation: useful for tests and for a model before fitting.</summary>
    public static FeatureStatistics Identity { get; } = new(0, 1, 0, 1, 0, 1);

    public OrderValuePrior OrderValues { get; init; } = OrderValuePrior.Uninformative;

    public bool IsValid =>
        OrderValues is { IsValid: true } &&
        double.IsFinite(LogAmountMean) && double.IsFinite(LogGapMean) &&
        double.IsFinite(LogRecencyMean) &&
        LogAmountStd > 0 && LogGapStd > 0 && LogRecencyStd > 0 &&
        double.IsFinite(LogAmountStd) && double.IsFinite(LogGapStd) && double.IsFinite(LogRecencyStd);
}
