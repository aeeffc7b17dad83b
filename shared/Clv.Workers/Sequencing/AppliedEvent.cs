using System.Diagnostics;
using Clv.Contracts.Transactions;

namespace Clv.Workers.Sequencing;

/// <summary>
/// An event the sequencer applied to its customer's rolling sequence: what the scorer consumes, from
/// <c>transactions.sequenced</c> (split) or in process (fused). Partition is the one the scorer reads it from,
/// which files the customer in the recency index; Parent continues the trace of the incoming message.
/// </summary>
public readonly record struct AppliedEvent(TransactionEvent Transaction, long SeqNo, int Partition, long Offset, ActivityContext Parent);
