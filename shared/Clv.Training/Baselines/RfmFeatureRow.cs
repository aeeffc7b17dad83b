using Microsoft.ML.Data;

namespace Clv.Training.Baselines;

/// <summary>
/// One example for the gradient-boosted baseline: RFM features of a customer as of a cutoff, the
/// window length asked about, and (for training) what happened in that window.
/// </summary>
public sealed class RfmFeatureRow
{
    public const int FeatureCount = 7;

    [VectorType(FeatureCount)]
    public float[] Features { get; set; } = new float[FeatureCount];

    /// <summary>No purchase in the window.</summary>
    public bool Churned { get; set; }

    /// <summary>Total spent in the window.</summary>
    public float Spend { get; set; }

    /// <summary>
    /// Repeat purchase days, weeks from first to last purchase, weeks since the last purchase,
    /// age in weeks, mean and total value per purchase day, and the window length in days.
    /// </summary>
    public static RfmFeatureRow From(RfmSummary summary, int horizonDays, WindowOutcome outcome = default) => new()
    {
        Features =
        [
            summary.Frequency,
            (float)summary.RecencyWeeks,
            (float)(summary.AgeWeeks - summary.RecencyWeeks),
            (float)summary.AgeWeeks,
            (float)summary.MeanValue,
            (float)summary.TotalValue,
            horizonDays,
        ],
        Churned = outcome.Churned,
        Spend = (float)outcome.Spend,
    };
}
