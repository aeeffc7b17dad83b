using Clv.Workers.Options;
using Clv.Workers.Scoring;

namespace Clv.Workers.Tests;

/// <summary>When the consume loop runs its periodic work (the recency sweep) between batches.</summary>
public sealed class SweepScheduleTests
{
    [Fact]
    public void TheFirstSweep_IsDueAtOnce_ThenEachOneIntervalAfterThePreviousEnded()
    {
        var clock = new ManualClock();
        var schedule = new SweepSchedule(new RecencyOptions { IntervalMs = 1000 }, clock);
        Assert.True(schedule.IsDue);

        clock.Advance(TimeSpan.FromMilliseconds(300)); // the sweep itself took 300 ms
        schedule.Ran();
        clock.Advance(TimeSpan.FromMilliseconds(999));
        var justBefore = schedule.IsDue;
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal((false, true), (justBefore, schedule.IsDue));
    }

    [Fact]
    public void ASweepThatRanLate_PushesTheNextOneFromWhenItRan_NotFromWhenItWasDue()
    {
        var clock = new ManualClock();
        var schedule = new SweepSchedule(new RecencyOptions { IntervalMs = 100 }, clock);
        schedule.Ran();

        clock.Advance(TimeSpan.FromMilliseconds(450)); // a long batch: the sweep was due 350 ms ago
        Assert.True(schedule.IsDue);
        schedule.Ran();
        clock.Advance(TimeSpan.FromMilliseconds(99));

        Assert.False(schedule.IsDue);
    }
}
