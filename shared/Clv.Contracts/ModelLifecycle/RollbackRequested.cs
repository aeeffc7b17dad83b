namespace Clv.Contracts.ModelLifecycle;

/// <summary>Asks every scorer to go back to the previous model version (or to ToVersion when given).</summary>
public sealed record RollbackRequested(
    string RequestedBy,
    string? ToVersion,
    DateTimeOffset RequestedAt,
    int SchemaVersion = SchemaVersions.ModelLifecycle);
