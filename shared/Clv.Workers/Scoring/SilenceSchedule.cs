using Clv.Workers.State;

namespace Clv.Workers.Scoring;

/// <summary>When a customer is next due for a silence re-score: shared by the workers and the offline alert evaluation.</summary>
public static class SilenceSchedule
{
    private const long DayMs = 86_400_000;

    /// <summary>
    /// The first silence threshold (Unix ms) the customer has not been re-scored for since its last event, or null
    /// when it has been re-scored for every one (or never had an event).
    /// </summary>
    public static long? NextDueMs(ScoringState state, double[] thresholdDays)
    {
        if (state.SilenceLevel >= thresholdDays.Length || state.Lstm.LastEventTime is not { } last)
        {
            return null;
        }

        return new DateTimeOffset(last).ToUnixTimeMilliseconds() + (long)(thresholdDays[state.SilenceLevel] * DayMs);
    }
}
