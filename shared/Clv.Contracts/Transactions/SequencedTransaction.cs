namespace Clv.Contracts.Transactions;

/// <summary>
/// A transaction the sequencer applied to the customer's rolling sequence, forwarded on
/// <c>transactions.sequenced</c>. SeqNo counts the customer's applied events from 1.
/// </summary>
public sealed record SequencedTransaction(
    TransactionEvent Transaction,
    long SeqNo,
    int SourcePartition,
    long SourceOffset,
    int SchemaVersion = SchemaVersions.Sequenced);
