namespace Clv.Workers.Options;

/// <summary>What "now" means to the recency sweeper.</summary>
public enum RecencyClock
{
    /// <summary>The largest event time the scorer has seen: replays of history behave as they did live.</summary>
    Watermark,

    /// <summary>The machine's clock.</summary>
    WallClock,
}
