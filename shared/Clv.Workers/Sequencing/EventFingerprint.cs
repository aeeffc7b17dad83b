using System.IO.Hashing;
using System.Runtime.InteropServices;
using Clv.Contracts.Transactions;

namespace Clv.Workers.Sequencing;

/// <summary>
/// A 64-bit hash of what a transaction says (every field but its id and schema version), independent of how
/// its JSON was written: two messages with one event id are the same event when their fingerprints match, and
/// a conflicting duplicate when they do not. The caller passes a hasher it reuses: no allocation per event.
/// </summary>
public static class EventFingerprint
{
    public static ulong Of(XxHash3 hash, TransactionEvent transaction)
    {
        hash.Reset();
        Append(hash, transaction.CustomerId);
        Span<long> numbers = [transaction.OccurredAt.UtcTicks, BitConverter.DoubleToInt64Bits(transaction.Amount), (long)transaction.Kind];
        hash.Append(MemoryMarshal.AsBytes(numbers));
        Append(hash, transaction.Currency);
        Append(hash, transaction.Channel);
        Append(hash, transaction.Category);
        return hash.GetCurrentHashAsUInt64();
    }

    // Length first, so ("ab", "c") and ("a", "bc") differ; -1 marks an absent optional text.
    private static void Append(XxHash3 hash, string? text)
    {
        Span<int> length = [text?.Length ?? -1];
        hash.Append(MemoryMarshal.AsBytes(length));
        hash.Append(MemoryMarshal.AsBytes(text.AsSpan()));
    }
}
