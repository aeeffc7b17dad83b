namespace Clv.Workers.Health;

/// <summary>
/// What the consume loops report for the readiness probe: whether each stage has partitions assigned, and why a
/// stage cannot make progress (waiting for a model or a topic, a batch failing and being retried).
/// </summary>
public sealed class WorkerReadiness
{
    private readonly Dictionary<string, bool> _stages = [];
    private readonly Dictionary<string, string> _blocked = [];

    /// <summary>Declares a stage that must have partitions before the process is ready.</summary>
    public void Expect(string stage)
    {
        lock (_stages)
        {
            _stages.TryAdd(stage, false);
        }
    }

    public void PartitionsAssigned(string stage, bool assigned)
    {
        lock (_stages)
        {
            _stages[stage] = assigned;
        }
    }

    /// <summary>Marks the stage as unable to make progress, and says why; <see cref="Unblocked"/> clears it.</summary>
    public void Blocked(string stage, string reason)
    {
        lock (_stages)
        {
            _blocked[stage] = reason;
        }
    }

    public void Unblocked(string stage)
    {
        lock (_stages)
        {
            _blocked.Remove(stage);
        }
    }

    /// <summary>The stages still waiting for partitions (empty when every expected stage has some).</summary>
    public IReadOnlyList<string> StagesWithoutPartitions()
    {
        lock (_stages)
        {
            var waiting = new List<string>();
            foreach (var (stage, assigned) in _stages)
            {
                if (!assigned && !_blocked.ContainsKey(stage))
                {
                    waiting.Add(stage);
                }
            }

            return waiting;
        }
    }

    /// <summary>"stage: reason" for every stage that cannot make progress now.</summary>
    public IReadOnlyList<string> BlockedStages()
    {
        lock (_stages)
        {
            return [.. _blocked.Select(blocked => $"{blocked.Key}: {blocked.Value}")];
        }
    }
}
