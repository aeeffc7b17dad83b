namespace Clv.Workers.Pipeline;

/// <summary>
/// A consume loop's identity: its name (metrics, readiness), the topic it reads and its consumer group; NeedsModel
/// when it scores, so it joins its group only once a model is active.
/// </summary>
public sealed record WorkerStage(string Name, string Topic, string GroupId, bool NeedsModel = false);
