namespace Clv.Standalone.Monitoring;

/// <summary>One customer's CLV change between two consecutive updates.</summary>
public readonly record struct ClvMove(string CustomerId, double ClvBefore, double ClvAfter, double ChurnProbability)
{
    public double Delta => ClvAfter - ClvBefore;
}
