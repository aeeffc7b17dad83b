namespace Clv.Workers.Health;

/// <summary>What readiness waits for besides partitions and Redis: a model, when this process scores.</summary>
public sealed class WorkersReadinessRequirements
{
    public bool NeedsModel { get; set; }
}
