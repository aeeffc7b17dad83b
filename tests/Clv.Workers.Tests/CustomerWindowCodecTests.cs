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

    private static readonly Gen<ulong> Bits = Gen.Two(Gen.Choose(int.MinValue, int.MaxValue)).Select(t => ((ulong)(uint)t.Item1 << 32) | (uint)t.Item2);

    private static readonly Gen<WindowRecord> Record =
        from partition in Gen.Choose(0, int.MaxValue)
        from offset in NonNegative
        from ticks in NonNegative.Select(t => t % (DateTimeOffset.MaxValue.UtcTicks + 1))
        from amount in Bits.Select(b => BitConverter.Int64BitsToDouble((long)b))
        from kind in Gen.Elements(TransactionKind.Purchase, TransactionKind.Refund)
        from fingerprint in Bits
        from idHash in Bits
        select new WindowRecord(partition, offset, 0, new DateTimeOffset(ticks, TimeSpan.Zero), amount, kind, fingerprint, idHash);

    private static readonly Gen<CustomerWindow> Window =
        from records in Gen.Choose(0, 70).SelectMany(n => Gen.ArrayOf(Record, n))
        from spare in Gen.Choose(0, 10)
        from partitions in Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Gen.Zip(Gen.Choose(0, int.MaxValue), NonNegative), n))
        from gap in Gen.Choose(0, 1_000_000)
        let last = records.Length + (long)gap
        select new CustomerWindow(
            Math.Max(1, records.Length + spare),
            last,
            [.. partitions.Select(p => (p.Item1, p.Item2))],
            [.. records.Select((r, i) => r with { SeqNo = last - (records.Length - 1 - i) })]);

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
            var written = new byte[CustomerWindowCodec.RecordSize];
            CustomerWindowCodec.WriteRecord(written, record.Partition, record.Offset, transaction, record.Fingerprint);
            var seqNo = 1 + (record.Offset % 1000);

            var stored = CustomerWindowCodec.Encode(new CustomerWindow(capacity, seqNo, [(record.Partition, record.Offset)], [record with { SeqNo = seqNo }]));
            var slot = CustomerWindowCodec.HeaderSize + CustomerWindowCodec.PartitionEntrySize + (CustomerWindowCodec.Slot(seqNo, capacity) * CustomerWindowCodec.RecordSize);

            Assert.Equal(written, stored[slot..(slot + CustomerWindowCodec.RecordSize)]);
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
        // Window format 1 as the previous version wrote it: a header (format 1, capacity 65, 1 record, 1 partition,
        // last seq_no 1), partition 0 at offset 0 and one 45-byte record.
        var stored = new byte[15 + 12 + 45];
        stored[0] = 1;
        stored[1] = 65;
        stored[3] = 1;
        stored[5] = 1;
        stored[7] = 1;

        var error = Assert.Throws<FormatException>(() => CustomerWindowCodec.Decode(stored));

        Assert.Contains("window format 1", error.Message);
        Assert.Contains("rebuild", error.Message);
    }

    [Fact]
    public void RecordsWhoseSeqNosDoNotEndAtTheLastOne_AreNotEncoded()
    {
        var record = new WindowRecord(0, 1, 3, DateTimeOffset.UnixEpoch, 1, TransactionKind.Purchase, 0, CustomerWindowCodec.IdHash("e"));

        Assert.Throws<ArgumentException>(() => CustomerWindowCodec.Encode(new CustomerWindow(2, 4, [], [record])));
    }
}
