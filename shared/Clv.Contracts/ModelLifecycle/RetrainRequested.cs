namespace Clv.Contracts.ModelLifecycle;

/// <summary>
/// Asks the trainer for a new candidate. Source names the history: a file path, "kafka" for a replay
/// of the transactions topic, or "redis" for the stored rolling sequences. Deadline: a trainer that takes the
/// request later drops it (null: no deadline).
/// </summary>
public sealed record RetrainRequested(
    string RequestedBy,
    string Source,
    DateTimeOffset? CalibrationEnd,
    DateTimeOffset RequestedAt,
    int SchemaVersion = SchemaVersions.ModelLifecycle,
    DateTimeOffset? Deadline = null);
