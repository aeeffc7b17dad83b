using Clv.Training;

namespace Clv.Model.Tests;

public sealed class CutoffGridTests
{
    private static readonly DateTime CalibrationEnd = new(1997, 9, 30, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void For_StepsBackFromCalibrationEnd_StoppingAtTheFirstEvent()
    {
        var cutoffs = CutoffGrid.For(CalibrationEnd.AddDays(-30), CalibrationEnd, 14);

        Assert.Equal([new Cutoff(CalibrationEnd.AddDays(-14), 14), new Cutoff(CalibrationEnd.AddDays(-28), 28)], cutoffs);
    }

    [Fact]
    public void For_FirstEventOnACutoff_IncludesThatCutoff()
    {
        var cutoffs = CutoffGrid.For(CalibrationEnd.AddDays(-28), CalibrationEnd, 14);

        Assert.Equal(28, cutoffs[^1].HorizonDays);
    }

    [Fact]
    public void For_FirstEventWithinOneStepOfTheEnd_GivesNoCutoff()
    {
        Assert.Empty(CutoffGrid.For(CalibrationEnd.AddDays(-13), CalibrationEnd, 14));
    }
}
