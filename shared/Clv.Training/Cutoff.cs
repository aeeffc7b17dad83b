namespace Clv.Training;

/// <summary>A training cutoff: the state as of <see cref="At"/> predicts the window (At, At + HorizonDays].</summary>
public readonly record struct Cutoff(DateTime At, int HorizonDays);
