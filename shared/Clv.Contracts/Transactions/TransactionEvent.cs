namespace Clv.Contracts.Transactions;

/// <summary>One customer transaction as it arrives on the <c>transactions</c> topic.</summary>
public sealed record TransactionEvent(
    string EventId,
    string CustomerId,
    DateTimeOffset OccurredAt,
    double Amount,
    string Currency,
    TransactionKind Kind,
    string? Channel = null,
    string? Category = null,
    int SchemaVersion = SchemaVersions.Transaction);
