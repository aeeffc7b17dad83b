using Clv.Development.Replay;

namespace Clv.Cli.Tests;

public sealed class ReplayPacerTests
{
    private static readonly DateTimeOffset First = new(1997, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DueAfterStart_SpeedIsEventSecondsPerWallSecond()
    {
        var pacer = new ReplayPacer(86_400, First);

        Assert.Equal(TimeSpan.FromSeconds(1), pacer.DueAfterStart(First.AddDays(1)));
        Assert.Equal(TimeSpan.FromSeconds(30), pacer.DueAfterStart(First.AddDays(30)));
    }

    [Fact]
    public void DueAfterStart_SpeedZero_IsAlwaysNow() =>
        Assert.Equal(TimeSpan.Zero, new ReplayPacer(0, First).DueAfterStart(First.AddYears(1)));

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_NegativeOrNonFiniteSpeed_Throws(double speed) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayPacer(speed, First));
}
