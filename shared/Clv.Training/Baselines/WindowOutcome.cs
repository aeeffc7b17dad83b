namespace Clv.Training.Baselines;

/// <summary>What a customer did in a time window: any purchase at all, and the total spent.</summary>
public readonly record struct WindowOutcome(bool Purchased, double Spend)
{
    public bool Churned => !Purchased;
}
