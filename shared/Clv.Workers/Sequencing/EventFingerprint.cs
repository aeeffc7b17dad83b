using System.IO.Hashing;
using System.Runtime.InteropServices;
using Clv.Contracts.Transactions;

namespace Clv.Workers.Sequencing;

/// <summary>
/// A 32-bit hash of what a transaction says (every field but its id and schema version), independent of how
/// its JSON was written: two messages with one event id are the same event when their fingerprints match, and
/// a conflicting duplicate when they do not (a conflicting one passes for a repeat with odds 2^-32: the low 32 bits
/// of XxHash3, to keep window records small). The caller passes a hasher it reuses: no allocation per event.
/// </summary>
public static class EventFingerprint
{
    public static uint Of(XxHash3 hash, TransactionEvent transaction)
    {
        hash.Reset();
        Append(hash, transaction.CustomerId);
        Span<long> numbers = [transaction.OccurredAt.UtcTicks, BitConverter.DoubleToInt64Bits(transaction.Amount), (long)transaction.Kind];
        hash.Append(MemoryMarshal.AsBytes(numbers));
        Append(hash, transaction.Currency);
        Append(hash, transaction.Channel);
        Append(hash, transaction.Category);
        return (uint)hash.GetCurrentHashAsUInt64();
    }

    // Length first, so ("ab", "c") and ("a", "bc") differ; -1 marks an absent optional text.
    private static void Append(XxHash3 hash, string? text)
    {
        Span<int> length = [text?.Length ?? -1];
        hash.Append(MemoryMarshal.AsBytes(length));
        hash.Append(MemoryMarshal.AsBytes(text.AsSpan()));
    }
}
