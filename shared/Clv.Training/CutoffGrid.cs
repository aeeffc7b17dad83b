namespace Clv.Training;

/// <summary>
/// The cutoffs training examples are taken at, shared by the LSTM and the GBM baseline so both
/// learn from the same windows. Every window ends at the calibration end, so its labels are
/// observable without touching the holdout: tau_j = calibrationEnd - H_j, H_j = step, 2·step, ...,
/// keeping each tau_j at or after the customer's first event.
/// </summary>
public static class CutoffGrid
{
    public const int DefaultStepDays = 14;

    public static Cutoff[] For(DateTime firstEvent, DateTime calibrationEnd, int stepDays = DefaultStepDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepDays, 1);
        var cutoffs = new List<Cutoff>();
        for (var horizon = stepDays; calibrationEnd.AddDays(-horizon) >= firstEvent; horizon += stepDays)
        {
            cutoffs.Add(new Cutoff(calibrationEnd.AddDays(-horizon), horizon));
        }

        return cutoffs.ToArray();
    }
}
