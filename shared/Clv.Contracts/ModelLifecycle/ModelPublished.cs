namespace Clv.Contracts.ModelLifecycle;

/// <summary>A promoted model's weights are in the model store; every scorer replica should activate it.</summary>
public sealed record ModelPublished(
    string ModelVersion,
    string Sha256,
    DateTimeOffset PublishedAt,
    string Reason,
    int SchemaVersion = SchemaVersions.ModelLifecycle);
