namespace Clv.Contracts.ModelLifecycle;

/// <summary>A scorer replica verified and swapped in a model version.</summary>
public sealed record ModelActivated(
    string ModelVersion,
    string ReplicaId,
    DateTimeOffset ActivatedAt,
    int SchemaVersion = SchemaVersions.ModelLifecycle);
