using Clv.Contracts.Transactions;
using Clv.Workers.Sequencing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Workers.Tests;

/// <summary>Window format 2: what is encoded decodes to itself, what the sequencer writes is what the codec reads, damage is refused.</summary>
public sealed class CustomerWindowCodecTests
{
    /// <summary>Any Unicode scalar value: controls, quotes, non-ASCII, emoji.</summary>
    private static readonly Gen<string> Id =
        Gen.Choose(1, 30)
            .SelectMany(n => Gen.ArrayOf(
                Gen.Frequency(
                    (3, Gen.Choose(0x20, 0x7E)),
                    (1, Gen.Choose(0x00, 0x1F)),
                    (1, Gen.Choose(0x80, 0xD7FF)),
                    (1, Gen.Choose(0xE000, 0x10FFFF))).Select(char.ConvertFromUtf32),
                n))
            .Select(string.Concat);

    private static readonly Gen<long> NonNegative = Gen.Two(Gen.Choose(0, int.MaxValue)).Select(t => ((long)t.Item1 << 31) | (uint)t.Item2);

    /// <summary>Offsets over the whole stored range, its ends included.</summary>
    private static readonly Gen<long> Offset = Gen.Frequency(
        (8, NonNegative.Select(o => o % (CustomerWindowCodec.MaxOffset + 1))),
        (1, Gen.Elements(0L, CustomerWindowCodec.MaxOffset)));

    private static readonly Gen<ulong> Bits = Gen.Two(Gen.Choose(int.MinValue, int.MaxValue)).Select(t => ((ulong)(uint)t.Item1 << 32) | (uint)t.Item2);

    private static readonly Gen<WindowRecord> Record =
        from partition in Gen.Choose(0, int.MaxValue)
        from offset in Offset
        from ticks in Gen.Frequency(
            (1, NonNegative.Select(t => t % (DateTimeOffset.MaxValue.UtcTicks + 1))),
            (1, NonNegative.Select(t => DateTimeOffset.UnixEpoch.UtcTicks + (t % 100_000_000_000_000 * TimeSpan.TicksPerMillisecond))))
        from amount in Gen.Frequency(
            (1, Bits.Select(b => BitConverter.Int64BitsToDouble((long)b))),
            (1, Gen.Choose(0, int.MaxValue).Select(t => t / 1000.0)),
            (1, Gen.Elements(0.0, -0.0, 19.99, 0.1234, 4_294_967.295, 4_294_967.296, double.Epsilon)))
        from kind in Gen.Elements(TransactionKind.Purchase, TransactionKind.Refund)
        from fingerprint in Gen.Choose(int.MinValue, int.MaxValue).Select(f => (uint)f)
        from idHash in Bits
        select new WindowRecord(partition, offset, 0, new DateTimeOffset(ticks, TimeSpan.Zero), amount, kind, fingerprint, idHash);

    /// <summary>A window's records name partitions of its table (up to the most a window can name), each once.</summary>
    private static readonly Gen<CustomerWindow> Window =
        from table in Gen.Frequency((6, Gen.Choose(1, 4)), (1, Gen.Elements(0, CustomerWindowCodec.MaxPartitions)))
            .SelectMany(n => Gen.ArrayOf(Gen.Zip(Gen.Choose(0, int.MaxValue), Offset), n))
        let partitions = table.DistinctBy(p => p.Item1).ToArray()
        from records in Gen.Choose(0, partitions.Length == 0 ? 0 : 70).SelectMany(n => Gen.ArrayOf(Gen.Zip(Record, Gen.Choose(0, Math.Max(0, partitions.Length - 1))), n))
        from spare in Gen.Choose(0, 10)
        from gap in Gen.Choose(0, 1_000_000)
        let last = records.Length + (long)gap
        select new CustomerWindow(
            Math.Max(1, records.Length + spare),
            last,
            [.. partitions.Select(p => (p.Item1, p.Item2))],
            [.. records.Select((r, i) => r.Item1 with { Partition = partitions[r.Item2].Item1, SeqNo = last - (records.Length - 1 - i) })]);

    [Property(MaxTest = 300)]
    public Property AnEncodedWindow_DecodesToItself() =>
        Prop.ForAll(Window.ToArbitrary(), window =>
        {
            var decoded = CustomerWindowCodec.Decode(CustomerWindowCodec.Encode(window));

            Assert.Equal((window.Capacity, window.LastSeqNo), (decoded.Capacity, decoded.LastSeqNo));
            Assert.Equal(window.Partitions, decoded.Partitions);
            Assert.Equal(window.Records, decoded.Records);
        });

    [Property(MaxTest = 300)]
    public Property TheRecordTheSequencerWrites_IsTheOneTheCodecReadsInItsSlot() =>
        Prop.ForAll(Record.ToArbitrary(), Id.ToArbitrary(), Gen.Choose(1, 100).ToArbitrary(), (generated, id, capacity) =>
        {
            var record = generated with { EventIdHash = CustomerWindowCodec.IdHash(id) };
            var transaction = new TransactionEvent(id, "c", record.OccurredAt, record.Amount, "USD", record.Kind);
            var written = new byte[CustomerWindowCodec.WideRecordSize - CustomerWindowCodec.EventAt];
            var size = CustomerWindowCodec.EventAt + CustomerWindowCodec.WriteEvent(written, transaction, record.Fingerprint);
            var seqNo = 1 + (record.Offset % 1000);

            var stored = CustomerWindowCodec.Encode(new CustomerWindow(capacity, seqNo, [(record.Partition, record.Offset)], [record with { SeqNo = seqNo }]));
            var slot = CustomerWindowCodec.HeaderSize + CustomerWindowCodec.PartitionEntrySize + (CustomerWindowCodec.Slot(seqNo, capacity) * size);

            Assert.Equal(written[..(size - CustomerWindowCodec.EventAt)], stored[(slot + CustomerWindowCodec.EventAt)..(slot + size)]);
        });

    [Property(MaxTest = 200)]
    public Property AWindowCutShortOrWithBytesAfterIt_IsRefused() =>
        Prop.ForAll(Window.ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (window, cut) =>
        {
            var stored = CustomerWindowCodec.Encode(window);

            Assert.Throws<FormatException>(() => CustomerWindowCodec.Decode(stored.AsSpan(0, cut % stored.Length)));
            Assert.Throws<FormatException>(() => CustomerWindowCodec.Decode([.. stored, 0]));
        });

    [Fact]
    public void AnotherFormat_IsRefusedNamingIt()
    {
        var stored = CustomerWindowCodec.Encode(new CustomerWindow(1, 0, [], []));
        stored[0] = 7;

        var error = Assert.Throws<FormatException>(() => CustomerWindowCodec.Decode(stored));

        Assert.Contains("format 7", error.Message);
    }

    [Fact]
    public void AWindowOfFormat1_IsRefusedPointingToTheRebuild()
    {
        var error = Assert.Throws<FormatException>(() => CustomerWindowCodec.Decode(Format1Window.WithOneEvent()));

        Assert.Contains("window format 1", error.Message);
        Assert.Contains("rebuild", error.Message);
    }

    [Property(MaxTest = 100)]
    public Property ARecordNamingAPartitionOutsideTheTable_IsRefused() =>
        Prop.ForAll(Window.Where(w => w.Records.Count > 0).ToArbitrary(), Gen.Choose(0, byte.MaxValue).ToArbitrary(), (window, index) =>
        {
            var stored = CustomerWindowCodec.Encode(window);
            var slots = CustomerWindowCodec.HeaderSize + (window.Partitions.Count * CustomerWindowCodec.PartitionEntrySize);
            var size = (stored.Length - slots) / (window.Records.Max(r => CustomerWindowCodec.Slot(r.SeqNo, window.Capacity)) + 1);
            var slot = slots + (CustomerWindowCodec.Slot(window.LastSeqNo, window.Capacity) * size);
            stored[slot] = (byte)Math.Max(index, window.Partitions.Count);

            var error = Assert.Throws<FormatException>(() => CustomerWindowCodec.Decode(stored));

            Assert.Contains("partition index", error.Message);
        });

    [Fact]
    public void CompactEvents_Take30Bytes_AndOneNeedingItsTicksOrItsDouble_Makes46ByteRecords()
    {
        var time = new DateTimeOffset(2026, 11, 29, 18, 0, 0, TimeSpan.Zero).AddMilliseconds(5);
        WindowRecord[] compact =
        [
            new(0, 1, 1, time, 19.99, TransactionKind.Purchase, 1, 1),
            new(0, 2, 2, DateTimeOffset.UnixEpoch, 0, TransactionKind.Refund, 2, 2),
        ];
        var subMillisecond = new WindowRecord(0, 3, 3, time.AddTicks(1), 1, TransactionKind.Purchase, 3, 3);
        var fourDecimals = subMillisecond with { OccurredAt = time, Amount = 0.0001 };
        var beforeTheEpoch = subMillisecond with { OccurredAt = DateTimeOffset.UnixEpoch.AddMilliseconds(-1) };
        var slots = CustomerWindowCodec.HeaderSize + CustomerWindowCodec.PartitionEntrySize;

        var narrow = CustomerWindowCodec.Encode(new CustomerWindow(65, 2, [(0, 2)], compact));

        Assert.Equal(slots + (2 * 30), narrow.Length);
        foreach (var exact in new[] { subMillisecond, fourDecimals, beforeTheEpoch })
        {
            var wide = CustomerWindowCodec.Encode(new CustomerWindow(65, 3, [(0, 3)], [.. compact, exact]));
            Assert.Equal(slots + (3 * 46), wide.Length);
            Assert.Equal([.. compact, exact], CustomerWindowCodec.Decode(wide).Records);
        }
    }

    [Fact]
    public void AnOffsetBeyond48Bits_IsNotEncoded()
    {
        var record = new WindowRecord(0, CustomerWindowCodec.MaxOffset + 1, 1, DateTimeOffset.UnixEpoch, 1, TransactionKind.Purchase, 0, 0);

        Assert.Throws<ArgumentOutOfRangeException>(() => CustomerWindowCodec.Encode(new CustomerWindow(1, 1, [(0, record.Offset)], [record])));
    }

    [Fact]
    public void RecordsWhoseSeqNosDoNotEndAtTheLastOne_AreNotEncoded()
    {
        var record = new WindowRecord(0, 1, 3, DateTimeOffset.UnixEpoch, 1, TransactionKind.Purchase, 0, CustomerWindowCodec.IdHash("e"));

        Assert.Throws<ArgumentException>(() => CustomerWindowCodec.Encode(new CustomerWindow(2, 4, [], [record])));
    }
}
