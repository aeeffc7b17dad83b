namespace Clv.Workers.Pipeline;

/// <summary>A consume loop's identity: its name (metrics, readiness), the topic it reads and its consumer group.</summary>
public sealed record WorkerStage(string Name, string Topic, string GroupId);
