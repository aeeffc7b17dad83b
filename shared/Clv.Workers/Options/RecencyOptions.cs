namespace Clv.Workers.Options;

/// <summary>The recency sweeper: re-scores (heads only) customers silent for longer than each threshold.</summary>
public sealed class RecencyOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Silence thresholds in days, ascending; crossing each one re-scores the customer once, through the alert policy.
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

    /// <summary>How far (minutes of event time) an event may arrive behind the latest one of its partition and still be in order.</summary>
    public double MaxOutOfOrderMinutes { get; set; } = 60;

    /// <summary>
    /// An event more than this many hours ahead of its partition's latest event is held: it is scored, but does not
    /// move the clock. Larger than any quiet spell a partition normally has (30 days).
    /// </summary>
    public double MaxAheadHours { get; set; } = 720;

    /// <summary>This many held events in a row on a partition mean time really jumped: the clock moves to the earliest of them.</summary>
    public int AheadConfirmations { get; set; } = 3;
}
