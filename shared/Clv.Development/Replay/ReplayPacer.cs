namespace Clv.Development.Replay;

/// <summary>
/// When each event is due, relative to the start of a replay. Speed S means S seconds of event time pass
/// per second of wall time (86400: one day per second); 0 means as fast as possible.
/// </summary>
public sealed class ReplayPacer
{
    private readonly double _speed;
    private readonly DateTimeOffset _firstEventTime;

    public ReplayPacer(double speed, DateTimeOffset firstEventTime)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(speed);
        if (!double.IsFinite(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "speed must be finite");
        }

        _speed = speed;
        _firstEventTime = firstEventTime;
    }

    /// <summary>Wall time after the start at which the event should be published.</summary>
    public TimeSpan DueAfterStart(DateTimeOffset eventTime) =>
        _speed == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((eventTime - _firstEventTime).TotalSeconds / _speed);
}
