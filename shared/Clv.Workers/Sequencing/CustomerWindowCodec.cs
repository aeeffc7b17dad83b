using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Clv.Contracts.Transactions;

namespace Clv.Workers.Sequencing;

/// <summary>
/// Window format 2: a customer's rolling window as <see cref="Redis.SequenceScript"/> writes it, read by every
/// reader through <see cref="Decode"/>. One string (little-endian):
/// <code>
/// header   u8 format (2), u16 capacity c, u16 record count n, u16 partition count m, i64 last seq_no given
/// m x      i32 partition, i64 last offset applied from it
/// slots    45-byte records in a ring: the event with seq_no s in slot (s - 1) mod c. A record: i32 partition,
///          i64 offset, i64 occurred_at (UTC ticks), f64 amount, u8 kind, u64 event id hash (XxHash3 of its
///          UTF-8), u64 fingerprint
/// </code>
/// The window holds the consecutive seq_nos last - n + 1 .. last, so a record's seq_no is its slot's, never stored.
/// Fixed-size records let the script find an offset or an event id hash with one plain string search and write a
/// new event in place (SETRANGE, one record to the AOF and the replicas, not the whole window). Event ids are kept
/// only as their 64-bit hashes and compared by hash (the README gives the odds of a collision).
/// </summary>
public static class CustomerWindowCodec
{
    public const byte Format = 2;

    /// <summary>The window format before this one: refused with the documented rebuild.</summary>
    public const byte PreviousFormat = 1;
    public const int HeaderSize = 1 + 2 + 2 + 2 + 8;
    public const int PartitionEntrySize = 4 + 8;
    public const int RecordSize = 4 + 8 + 8 + 8 + 1 + 8 + 8;

    /// <summary>Where the event id hash starts in a record (the fingerprint follows it and ends the record).</summary>
    public const int IdHashAt = 4 + 8 + 8 + 8 + 1;

    private const int StackIdBytes = 256;

    /// <summary>Writes a new event's record (its seq_no is implied by its slot): what the sequencing script stores.</summary>
    public static void WriteRecord(Span<byte> destination, int partition, long offset, TransactionEvent transaction, ulong fingerprint) =>
        WriteRecord(destination, partition, offset, transaction.OccurredAt, transaction.Amount, transaction.Kind, IdHash(transaction.EventId), fingerprint);

    /// <summary>The stored form of <paramref name="window"/>: what the script writes for the same content.</summary>
    /// <exception cref="ArgumentException">The records' seq_nos do not run consecutively up to the last seq_no, or exceed the capacity.</exception>
    public static byte[] Encode(CustomerWindow window)
    {
        var records = window.Records;
        if (records.Count > window.Capacity)
        {
            throw new ArgumentException($"{records.Count} records for a capacity of {window.Capacity}", nameof(window));
        }

        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].SeqNo != window.LastSeqNo - (records.Count - 1 - i))
            {
                throw new ArgumentException($"record {i} has seq_no {records[i].SeqNo}; a window's seq_nos run consecutively up to {window.LastSeqNo}", nameof(window));
            }
        }

        var slots = HeaderSize + (window.Partitions.Count * PartitionEntrySize);
        var highest = records.Count == 0 ? -1 : records.Max(r => Slot(r.SeqNo, window.Capacity));
        var stored = new byte[slots + ((highest + 1) * RecordSize)];
        var span = stored.AsSpan();
        span[0] = Format;
        BinaryPrimitives.WriteUInt16LittleEndian(span[1..], checked((ushort)window.Capacity));
        BinaryPrimitives.WriteUInt16LittleEndian(span[3..], checked((ushort)records.Count));
        BinaryPrimitives.WriteUInt16LittleEndian(span[5..], checked((ushort)window.Partitions.Count));
        BinaryPrimitives.WriteInt64LittleEndian(span[7..], window.LastSeqNo);
        var at = HeaderSize;
        foreach (var (partition, lastOffset) in window.Partitions)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], partition);
            BinaryPrimitives.WriteInt64LittleEndian(span[(at + 4)..], lastOffset);
            at += PartitionEntrySize;
        }

        foreach (var r in records)
        {
            WriteRecord(span[(slots + (Slot(r.SeqNo, window.Capacity) * RecordSize))..], r.Partition, r.Offset, r.OccurredAt, r.Amount, r.Kind, r.EventIdHash, r.Fingerprint);
        }

        return stored;
    }

    /// <summary>Reads a stored window.</summary>
    /// <exception cref="FormatException">The bytes are not a window of format 2, or are cut short or too long.</exception>
    public static CustomerWindow Decode(ReadOnlySpan<byte> stored)
    {
        if (stored.Length < HeaderSize || stored[0] != Format)
        {
            throw new FormatException(stored.Length == 0 ? "stored window is empty"
                : stored[0] == PreviousFormat ? $"stored window is in window format {PreviousFormat}, which this version does not read: rebuild Redis by replaying the transactions (README, Upgrading from an older storage format)"
                : $"stored window is in format {stored[0]}, not {Format} ({stored.Length} bytes)");
        }

        int capacity = BinaryPrimitives.ReadUInt16LittleEndian(stored[1..]);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(stored[3..]);
        int partitionCount = BinaryPrimitives.ReadUInt16LittleEndian(stored[5..]);
        var lastSeqNo = BinaryPrimitives.ReadInt64LittleEndian(stored[7..]);
        var slots = HeaderSize + (partitionCount * PartitionEntrySize);
        if (count > capacity || count > lastSeqNo)
        {
            throw new FormatException($"stored window holds {count} events of capacity {capacity} up to seq_no {lastSeqNo}");
        }

        Require(stored, slots);
        var partitions = new (int, long)[partitionCount];
        for (var p = 0; p < partitionCount; p++)
        {
            var at = HeaderSize + (p * PartitionEntrySize);
            partitions[p] = (BinaryPrimitives.ReadInt32LittleEndian(stored[at..]), BinaryPrimitives.ReadInt64LittleEndian(stored[(at + 4)..]));
        }

        var records = new WindowRecord[count];
        for (var i = 0; i < count; i++)
        {
            var seqNo = lastSeqNo - (count - 1 - i);
            var at = slots + (Slot(seqNo, capacity) * RecordSize);
            Require(stored, at + RecordSize);
            var record = stored.Slice(at, RecordSize);
            records[i] = new WindowRecord(
                BinaryPrimitives.ReadInt32LittleEndian(record),
                BinaryPrimitives.ReadInt64LittleEndian(record[4..]),
                seqNo,
                new DateTimeOffset(ReadTicks(record[12..], seqNo), TimeSpan.Zero),
                BinaryPrimitives.ReadDoubleLittleEndian(record[20..]),
                ReadKind(record[28], seqNo),
                BinaryPrimitives.ReadUInt64LittleEndian(record[(IdHashAt + 8)..]),
                BinaryPrimitives.ReadUInt64LittleEndian(record[IdHashAt..]));
        }

        if (stored.Length > slots + (capacity * RecordSize) || (stored.Length - slots) % RecordSize != 0)
        {
            throw new FormatException($"stored window of capacity {capacity} has {stored.Length - slots} bytes of slots");
        }

        return new CustomerWindow(capacity, lastSeqNo, partitions, records);
    }

    /// <summary>The ring slot of seq_no <paramref name="seqNo"/> (from 1) in a window of <paramref name="capacity"/>.</summary>
    public static int Slot(long seqNo, int capacity) => (int)((seqNo - 1) % capacity);

    /// <summary>The 64-bit hash of an event id's UTF-8 bytes that the records carry (the script's search key).</summary>
    public static ulong IdHash(string eventId)
    {
        var length = Encoding.UTF8.GetByteCount(eventId);
        var rented = length > StackIdBytes ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> bytes = rented is null ? stackalloc byte[StackIdBytes] : rented;
            return XxHash3.HashToUInt64(bytes[..Encoding.UTF8.GetBytes(eventId, bytes)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void WriteRecord(Span<byte> destination, int partition, long offset, DateTimeOffset occurredAt, double amount, TransactionKind kind, ulong idHash, ulong fingerprint)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, partition);
        BinaryPrimitives.WriteInt64LittleEndian(destination[4..], offset);
        BinaryPrimitives.WriteInt64LittleEndian(destination[12..], occurredAt.UtcTicks);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[20..], amount);
        destination[28] = (byte)kind;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[IdHashAt..], idHash);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[(IdHashAt + 8)..], fingerprint);
    }

    private static long ReadTicks(ReadOnlySpan<byte> source, long seqNo)
    {
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(source);
        return ticks >= 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? ticks
            : throw new FormatException($"stored window record of seq_no {seqNo}: {ticks} is not a time in ticks");
    }

    private static TransactionKind ReadKind(byte kind, long seqNo) =>
        Enum.IsDefined((TransactionKind)kind) ? (TransactionKind)kind : throw new FormatException($"stored window record of seq_no {seqNo}: unknown kind {kind}");

    private static void Require(ReadOnlySpan<byte> stored, int length)
    {
        if (stored.Length < length)
        {
            throw new FormatException($"stored window is cut short ({stored.Length} bytes, at least {length} expected)");
        }
    }
}
