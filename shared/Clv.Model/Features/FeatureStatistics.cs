namespace Clv.Model.Features;

/// <summary>
/// Normalisation statistics (mean, standard deviation) of the standardised inputs, fitted on
/// training data only and stored with the weights so scoring standardises exactly as training did.
/// Amount and gap are log1p of dollars and days; recency is log1p days; horizon is log days.
/// </summary>
public sealed record FeatureStatistics(
    double LogAmountMean,
    double LogAmountStd,
    double LogGapMean,
    double LogGapStd,
    double LogRecencyMean,
    double LogRecencyStd,
    double LogHorizonMean,
    double LogHorizonStd)
{
    /// <summary>No standardisation: useful for tests and for a model before fitting.</summary>
    public static FeatureStatistics Identity { get; } = new(0, 1, 0, 1, 0, 1, 0, 1);

    public bool IsValid =>
        double.IsFinite(LogAmountMean) && double.IsFinite(LogGapMean) &&
        double.IsFinite(LogRecencyMean) && double.IsFinite(LogHorizonMean) &&
        LogAmountStd > 0 && LogGapStd > 0 && LogRecencyStd > 0 && LogHorizonStd > 0 &&
        double.IsFinite(LogAmountStd) && double.IsFinite(LogGapStd) &&
        double.IsFinite(LogRecencyStd) && double.IsFinite(LogHorizonStd);
}
