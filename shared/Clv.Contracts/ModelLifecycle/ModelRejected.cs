namespace Clv.Contracts.ModelLifecycle;

/// <summary>A scorer replica refused a model version and keeps serving the one it had.</summary>
public sealed record ModelRejected(
    string ModelVersion,
    string ReplicaId,
    string Reason,
    DateTimeOffset RejectedAt,
    int SchemaVersion = SchemaVersions.ModelLifecycle);
