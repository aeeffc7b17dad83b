namespace Clv.Workers.Health;

/// <summary>What the consume loops report for the readiness probe: whether each stage has partitions assigned.</summary>
public sealed class WorkerReadiness
{
    private readonly Dictionary<string, bool> _stages = [];

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

    /// <summary>The stages still waiting for partitions (empty when every expected stage has some).</summary>
    public IReadOnlyList<string> StagesWithoutPartitions()
    {
        lock (_stages)
        {
            var waiting = new List<string>();
            foreach (var (stage, assigned) in _stages)
            {
                if (!assigned)
                {
                    waiting.Add(stage);
                }
            }

            return waiting;
        }
    }
}
