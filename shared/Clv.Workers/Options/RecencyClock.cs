namespace Clv.Workers.Options;

/// <summary>What "now" means to the recency sweeper.</summary>
public enum RecencyClock
{
    /// <summary>
    /// The event-time clock of each partition (its largest event time, held against far-future events, minus the
    /// allowed out-of-orderness): replays of history behave as they did live, at any speed.
    /// </summary>
    Watermark,

    /// <summary>The machine's clock.</summary>
    WallClock,
}
