namespace Clv.Training.Metrics;

/// <summary>
/// A point of the cumulative-gains curve: the top <see cref="PopulationShare"/> of customers by
/// prediction account for <see cref="ValueShare"/> of the actual value. Lift = ValueShare / PopulationShare.
/// </summary>
public sealed record GainsPoint(double PopulationShare, double ValueShare)
{
    public double Lift => PopulationShare == 0 ? double.NaN : ValueShare / PopulationShare;
}
