namespace Clv.Workers.Options;

/// <summary>When a churn probability change becomes a <c>ChurnAlert</c>.</summary>
public sealed class ChurnAlertOptions
{
    /// <summary>Alert when churn probability rises by more than this in one update.</summary>
    public double JumpDelta { get; set; } = 0.25;

    /// <summary>Alert when churn probability crosses this level from below.</summary>
    public double Level { get; set; } = 0.8;

    /// <summary>At most one alert per customer within this many hours of event time.</summary>
    public double CooldownHours { get; set; } = 24;
}
