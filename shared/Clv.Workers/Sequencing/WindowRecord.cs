using Clv.Contracts.Transactions;
using Clv.Model.Data;

namespace Clv.Workers.Sequencing;

/// <summary>
/// One applied event as a customer's rolling window keeps it: where it was read (partition, offset), the seq_no it
/// was given, what the model and the history endpoint need (time, amount, kind), the 64-bit hash of its event id
/// (<see cref="CustomerWindowCodec.IdHash"/>: repeats are found by it) and the fingerprint of its content that tells
/// a repeat of the event from a conflicting one (<see cref="EventFingerprint"/>).
/// Currency, channel, category and the id itself are not kept: the model does not use them, and the event's JSON stays on Kafka.
/// </summary>
public readonly record struct WindowRecord(
    int Partition,
    long Offset,
    long SeqNo,
    DateTimeOffset OccurredAt,
    double Amount,
    TransactionKind Kind,
    uint Fingerprint,
    ulong EventIdHash)
{
    /// <summary>The event as the model sees it (as <see cref="State.CustomerEvents.From"/> gives it for the transaction).</summary>
    public CustomerEvent ToCustomerEvent() => new(OccurredAt.UtcDateTime, Math.Abs(Amount), Kind == TransactionKind.Refund);
}
