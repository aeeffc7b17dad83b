namespace Clv.Workers.Options;

/// <summary>The recency sweeper: re-scores (heads only) customers silent for longer than each threshold.</summary>
public sealed class RecencyOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Silence thresholds in days, ascending; crossing each one re-scores the customer once and alerts.
    /// Empty means <see cref="DefaultThresholdDays"/> (configuration binding appends to a non-empty array).
    /// </summary>
    public double[] ThresholdDays { get; set; } = [];

    public static double[] DefaultThresholdDays { get; } = [30, 90, 180];

    /// <summary>The thresholds in force.</summary>
    public double[] Thresholds => ThresholdDays.Length > 0 ? ThresholdDays : DefaultThresholdDays;

    /// <summary>How often the scorer sweeps its partitions, between batches.</summary>
    public int IntervalMs { get; set; } = 1000;

    /// <summary>Customers handled per partition per sweep (the rest wait for the next sweep).</summary>
    public int MaxPerSweep { get; set; } = 500;

    public RecencyClock Clock { get; set; } = RecencyClock.Watermark;
}
