using Clv.Workers.Options;
using Clv.Workers.Scoring;

namespace Clv.Workers.Tests;

public sealed class EventTimeWatermarkTests
{
    private const long Hour = 3_600_000;
    private const long Day = 24 * Hour;

    private static readonly RecencyOptions Options = new() { MaxOutOfOrderMinutes = 60, MaxAheadHours = 72, AheadConfirmations = 3 };

    [Fact]
    public void Now_IsThePartitionsLatestEventTimeMinusTheAllowedLateness_PerPartition()
    {
        var clock = new EventTimeWatermark(Options);
        clock.Observe(0, 10 * Day);
        clock.Observe(0, 9 * Day); // late, in bound or not: never moves the clock back
        clock.Observe(1, 2 * Day);

        Assert.Equal((true, (10 * Day) - Hour, true, (2 * Day) - Hour, false), (clock.TryGetNow(0, out var p0), p0, clock.TryGetNow(1, out var p1), p1, clock.TryGetNow(2, out _)));
    }

    [Fact]
    public void AnEventFarAhead_IsHeld_AndDoesNotMoveNowForTheOthers()
    {
        // The case: one event dated today inside a historical replay.
        var clock = new EventTimeWatermark(Options);
        clock.Observe(0, 100 * Day);
        clock.Observe(0, 10_000 * Day);
        clock.Observe(0, 101 * Day);

        Assert.Equal((true, (101 * Day) - Hour, 1L), (clock.TryGetNow(0, out var now), now, clock.HeldEvents));
    }

    [Fact]
    public void ConfirmedJump_HeldEventsInARow_MovesTheClockToTheEarliestOfThem()
    {
        var clock = new EventTimeWatermark(Options);
        clock.Observe(0, 100 * Day);
        foreach (var day in new[] { 500, 499, 501 })
        {
            clock.Observe(0, day * Day);
        }

        Assert.Equal((true, (499 * Day) - Hour), (clock.TryGetNow(0, out var now), now));
    }
}
