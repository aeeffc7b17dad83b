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
/// header   u8 format (2), u16 capacity c, u16 record count n, u8 partition count m, u8 record size r,
///          i64 last seq_no given
/// m x      u32 partition, u48 last offset applied from it
/// slots    r-byte records in a ring: the event with seq_no s in slot (s - 1) mod c. A record: u8 index of its
///          partition in the table above, u48 offset, u8 kind (+ 0x80: exact), u48 occurred_at in ms since the
///          Unix epoch, u32 amount in thousandths, u64 event id hash (XxHash3 of its UTF-8), u32 fingerprint;
///          in a window of wide records (r = 46) then i64 occurred_at in UTC ticks and f64 amount
/// </code>
/// Time and amount keep every bit the model reads: an event whose time is not a whole millisecond from 1970 or
/// whose amount is not a whole number of thousandths up to 2^32 - 1 is marked exact and carries both in full, and
/// its window's records are wide from then on (r = 30 otherwise).
/// The window holds the consecutive seq_nos last - n + 1 .. last, so a record's seq_no is its slot's, never stored.
/// Fixed-size records let the script find an offset or an event id hash with one plain string search and write a
/// new event in place (SETRANGE, one record to the AOF and the replicas, not the whole window). Event ids are kept
/// only as their 64-bit hashes and compared by hash (the README gives the odds of a collision). Offsets up to
/// 2^48 - 1 and 255 partitions per customer fit (the script refuses more).
/// </summary>
public static class CustomerWindowCodec
{
    public const byte Format = 2;

    /// <summary>The window format before this one: refused with the documented rebuild.</summary>
    public const byte PreviousFormat = 1;

    public const int HeaderSize = 1 + 2 + 2 + 1 + 1 + 8;
    public const int PartitionEntrySize = 4 + OffsetSize;

    /// <summary>The size of a record in a window whose events' times are whole milliseconds and amounts whole thousandths.</summary>
    public const int RecordSize = EventAt + 1 + 6 + 4 + 8 + 4;

    /// <summary>The size of a record in a window that holds an event needing its time in ticks or its amount as a double.</summary>
    public const int WideRecordSize = RecordSize + 8 + 8;

    /// <summary>Where the part of a record the sequencer writes starts: the script puts the partition index and offset before it.</summary>
    public const int EventAt = 1 + OffsetSize;

    /// <summary>Where the event id hash starts in a record (the fingerprint follows it and ends the record).</summary>
    public const int IdHashAt = EventAt + 1 + 6 + 4;

    /// <summary>Partitions one window can name: a record holds its partition as a one-byte index.</summary>
    public const int MaxPartitions = byte.MaxValue;

    /// <summary>Offsets are stored in 48 bits.</summary>
    public const long MaxOffset = (1L << (8 * OffsetSize)) - 1;

    private const int OffsetSize = 6;
    private const byte Exact = 0x80;
    private const long TicksPerMillisecond = TimeSpan.TicksPerMillisecond;
    private const int StackIdBytes = 256;
    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>
    /// Writes what the sequencer sends of a new event's record (kind, time, amount, id hash, fingerprint, and the
    /// exact time and amount when they need it); the script puts the partition index and offset before it.
    /// Returns the bytes written: <see cref="RecordSize"/> or <see cref="WideRecordSize"/> less <see cref="EventAt"/>.
    /// </summary>
    public static int WriteEvent(Span<byte> destination, TransactionEvent transaction, uint fingerprint) =>
        WriteEvent(destination, transaction.OccurredAt, transaction.Amount, transaction.Kind, IdHash(transaction.EventId), fingerprint, wide: false);

    /// <summary>The stored form of <paramref name="window"/>: what the script writes for the same content.</summary>
    /// <exception cref="ArgumentException">
    /// The records' seq_nos do not run consecutively up to the last seq_no, or exceed the capacity; a record's
    /// partition is not in the table; an offset or the table does not fit the format.
    /// </exception>
    public static byte[] Encode(CustomerWindow window)
    {
        var records = window.Records;
        if (records.Count > window.Capacity)
        {
            throw new ArgumentException($"{records.Count} records for a capacity of {window.Capacity}", nameof(window));
        }

        if (window.Partitions.Count > MaxPartitions)
        {
            throw new ArgumentException($"{window.Partitions.Count} partitions; a window names at most {MaxPartitions}", nameof(window));
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
        var wide = records.Any(r => !IsCompact(r.OccurredAt, r.Amount, out _, out _));
        var size = wide ? WideRecordSize : RecordSize;
        var stored = new byte[slots + ((highest + 1) * size)];
        var span = stored.AsSpan();
        span[0] = Format;
        BinaryPrimitives.WriteUInt16LittleEndian(span[1..], checked((ushort)window.Capacity));
        BinaryPrimitives.WriteUInt16LittleEndian(span[3..], checked((ushort)records.Count));
        span[5] = (byte)window.Partitions.Count;
        span[6] = (byte)size;
        BinaryPrimitives.WriteInt64LittleEndian(span[7..], window.LastSeqNo);
        var at = HeaderSize;
        foreach (var (partition, lastOffset) in window.Partitions)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], partition);
            WriteOffset(span[(at + 4)..], lastOffset);
            at += PartitionEntrySize;
        }

        foreach (var r in records)
        {
            var index = IndexOf(window.Partitions, r.Partition);
            var record = span[(slots + (Slot(r.SeqNo, window.Capacity) * size))..];
            record[0] = index >= 0 ? (byte)index : throw new ArgumentException($"record of seq_no {r.SeqNo}: partition {r.Partition} is not in the window's table", nameof(window));
            WriteOffset(record[1..], r.Offset);
            WriteEvent(record[EventAt..], r.OccurredAt, r.Amount, r.Kind, r.EventIdHash, r.Fingerprint, wide);
        }

        return stored;
    }

    /// <summary>Reads a stored window.</summary>
    /// <exception cref="FormatException">The bytes are not a window of format 2, are cut short or too long, or name a partition not in their table.</exception>
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
        int partitionCount = stored[5];
        int size = stored[6];
        var lastSeqNo = BinaryPrimitives.ReadInt64LittleEndian(stored[7..]);
        var slots = HeaderSize + (partitionCount * PartitionEntrySize);
        if (count > capacity || count > lastSeqNo || size is not (RecordSize or WideRecordSize))
        {
            throw new FormatException($"stored window holds {count} events of capacity {capacity} up to seq_no {lastSeqNo} in {size}-byte records");
        }

        Require(stored, slots);
        var partitions = new (int, long)[partitionCount];
        for (var p = 0; p < partitionCount; p++)
        {
            var at = HeaderSize + (p * PartitionEntrySize);
            partitions[p] = (BinaryPrimitives.ReadInt32LittleEndian(stored[at..]), ReadUInt48(stored[(at + 4)..]));
        }

        var records = new WindowRecord[count];
        for (var i = 0; i < count; i++)
        {
            var seqNo = lastSeqNo - (count - 1 - i);
            var at = slots + (Slot(seqNo, capacity) * size);
            Require(stored, at + size);
            var record = stored.Slice(at, size);
            var index = record[0] < partitionCount ? record[0] : throw new FormatException($"stored window record of seq_no {seqNo}: partition index {record[0]} of a table of {partitionCount}");
            var flags = record[EventAt];
            var exact = (flags & Exact) != 0;
            if (exact && size != WideRecordSize)
            {
                throw new FormatException($"stored window record of seq_no {seqNo} is marked exact in {size}-byte records");
            }

            records[i] = new WindowRecord(
                partitions[index].Item1,
                ReadUInt48(record[1..]),
                seqNo,
                new DateTimeOffset(Ticks(exact ? BinaryPrimitives.ReadInt64LittleEndian(record[RecordSize..]) : UnixEpochTicks + (ReadUInt48(record[(EventAt + 1)..]) * TicksPerMillisecond), seqNo), TimeSpan.Zero),
                exact ? BinaryPrimitives.ReadDoubleLittleEndian(record[(RecordSize + 8)..]) : BinaryPrimitives.ReadUInt32LittleEndian(record[(EventAt + 7)..]) / 1000.0,
                ReadKind((byte)(flags & ~Exact), seqNo),
                BinaryPrimitives.ReadUInt32LittleEndian(record[(IdHashAt + 8)..]),
                BinaryPrimitives.ReadUInt64LittleEndian(record[IdHashAt..]));
        }

        if (stored.Length > slots + (capacity * size) || (stored.Length - slots) % size != 0)
        {
            throw new FormatException($"stored window of capacity {capacity} has {stored.Length - slots} bytes of {size}-byte slots");
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

    // The event's part of a record; with the exact time and amount when they need it or the window's records are wide.
    private static int WriteEvent(Span<byte> destination, DateTimeOffset occurredAt, double amount, TransactionKind kind, ulong idHash, uint fingerprint, bool wide)
    {
        var compact = IsCompact(occurredAt, amount, out var milliseconds, out var thousandths);
        destination[0] = (byte)((byte)kind | (compact ? 0 : Exact));
        WriteUInt48(destination[1..], milliseconds);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[7..], thousandths);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[(IdHashAt - EventAt)..], idHash);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[(IdHashAt - EventAt + 8)..], fingerprint);
        if (compact && !wide)
        {
            return RecordSize - EventAt;
        }

        // A compact event in a wide window leaves the exact part zero: its mark says the compact fields are the values.
        var exact = destination[(RecordSize - EventAt)..(WideRecordSize - EventAt)];
        exact.Clear();
        if (!compact)
        {
            BinaryPrimitives.WriteInt64LittleEndian(exact, occurredAt.UtcTicks);
            BinaryPrimitives.WriteDoubleLittleEndian(exact[8..], amount);
        }

        return WideRecordSize - EventAt;
    }

    // Whether time and amount survive the compact fields bit for bit: a whole millisecond from 1970 within 48 bits, a
    // whole number of thousandths within 32 bits whose quotient by 1000 is the very double (any amount written with at
    // most three decimals is).
    private static bool IsCompact(DateTimeOffset occurredAt, double amount, out long milliseconds, out uint thousandths)
    {
        var sinceEpoch = occurredAt.UtcTicks - UnixEpochTicks;
        milliseconds = sinceEpoch >= 0 && sinceEpoch % TicksPerMillisecond == 0 && sinceEpoch / TicksPerMillisecond <= MaxOffset ? sinceEpoch / TicksPerMillisecond : 0;
        var scaled = Math.Round(amount * 1000);
        thousandths = scaled is >= 0 and <= uint.MaxValue && BitConverter.DoubleToInt64Bits((uint)scaled / 1000.0) == BitConverter.DoubleToInt64Bits(amount) ? (uint)scaled : 0;
        var compact = (milliseconds > 0 || sinceEpoch == 0) && (thousandths > 0 || BitConverter.DoubleToInt64Bits(amount) == 0);
        if (!compact)
        {
            milliseconds = 0;
            thousandths = 0;
        }

        return compact;
    }

    private static void WriteOffset(Span<byte> destination, long offset)
    {
        if (offset is < 0 or > MaxOffset)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"window format {Format} stores offsets from 0 to {MaxOffset}");
        }

        WriteUInt48(destination, offset);
    }

    private static void WriteUInt48(Span<byte> destination, long value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)value);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], (ushort)(value >> 32));
    }

    private static long ReadUInt48(ReadOnlySpan<byte> source) =>
        BinaryPrimitives.ReadUInt32LittleEndian(source) | ((long)BinaryPrimitives.ReadUInt16LittleEndian(source[4..]) << 32);

    private static int IndexOf(IReadOnlyList<(int Partition, long LastOffset)> partitions, int partition)
    {
        for (var i = 0; i < partitions.Count; i++)
        {
            if (partitions[i].Partition == partition)
            {
                return i;
            }
        }

        return -1;
    }

    private static long Ticks(long ticks, long seqNo) =>
        ticks >= 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? ticks
            : throw new FormatException($"stored window record of seq_no {seqNo}: {ticks} is not a time in ticks");

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
