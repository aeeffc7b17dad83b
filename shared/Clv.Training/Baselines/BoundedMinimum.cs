namespace Clv.Training.Baselines;

/// <summary>Where <see cref="NelderMead.Minimize"/> ended, whether it converged before its budget, and the evaluations it spent.</summary>
public sealed record BoundedMinimum(double[] Point, bool Converged, int Evaluations);
