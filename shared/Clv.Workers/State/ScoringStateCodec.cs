using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Clv.Model;
using Clv.Model.BuyTillYouDie;
using Clv.Model.Features;

namespace Clv.Workers.State;

/// <summary>
/// Binary form of a <see cref="ScoringState"/> (little-endian). Format 4: format byte, seq_no, last event ticks
/// (0 = none), event count, last churn, reference churn, episode start ms, episode open churn, silence level,
/// partition, flags (bit 0: level armed), model version length (u16), alert-time count (u8), then the model
/// version (UTF-8), the alert times (i64 each), the order-value moments (count i64, mean f64, squared deviations
/// f64), the purchase-day statistics BG/NBD + Gamma-Gamma score from (days i32, first day i32, last day i32,
/// first-day value f64, repeat value f64), hidden size (0 for BG/NBD), h, c. Fixed fields first so a reader can
/// check the version before the floats. Formats 1 (no alert fields), 2 (no order-value moments) and 3 (no
/// purchase-day statistics) are still read for their bookkeeping (format 1's alert fields start fresh, as for a
/// customer never alerted), but their model state is refused: without the statistics it cannot be continued, so
/// the caller rebuilds it from the rolling sequence as after a model change.
/// </summary>
public static class ScoringStateCodec
{
    /// <summary>Most alert times a state can carry (the budget option is validated against it).</summary>
    public const int MaxAlertTimes = byte.MaxValue;

    private const byte Format = 4;
    private const byte FormatWithoutPurchaseDays = 3;
    private const byte FormatWithoutOrderValues = 2;
    private const byte FormatWithoutAlerts = 1;
    private const int OrderValuesSize = 8 + 8 + 8;
    private const int PurchaseDaysSize = 4 + 4 + 4 + 8 + 8;
    private const int FixedSize = 1 + 8 + 8 + 8 + 8 + 8 + 8 + 8 + 4 + 4 + 1 + 2 + 1;
    private const int FixedSizeV1 = 1 + 8 + 8 + 8 + 8 + 8 + 4 + 4 + 2;

    public static int SizeOf(ScoringState state) =>
        FixedSize + Encoding.UTF8.GetByteCount(state.ModelVersion) + (8 * state.AlertTimesMs.Count) + OrderValuesSize + PurchaseDaysSize + 4 + (2 * state.Lstm.Hidden.Length * sizeof(float));

    public static int Encode(ScoringState state, Span<byte> destination)
    {
        if (state.AlertTimesMs.Count > MaxAlertTimes)
        {
            throw new InvalidOperationException($"{state.CustomerId} holds {state.AlertTimesMs.Count} alert times; at most {MaxAlertTimes} can be stored.");
        }

        var lstm = state.Lstm;
        destination[0] = Format;
        BinaryPrimitives.WriteInt64LittleEndian(destination[1..], state.SeqNo);
        BinaryPrimitives.WriteInt64LittleEndian(destination[9..], lstm.LastEventTime?.Ticks ?? 0);
        BinaryPrimitives.WriteInt64LittleEndian(destination[17..], lstm.EventCount);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[25..], state.LastChurn);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[33..], state.ReferenceChurn);
        BinaryPrimitives.WriteInt64LittleEndian(destination[41..], state.EpisodeStartMs);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[49..], state.EpisodeOpenChurn);
        BinaryPrimitives.WriteInt32LittleEndian(destination[57..], state.SilenceLevel);
        BinaryPrimitives.WriteInt32LittleEndian(destination[61..], state.Partition);
        destination[65] = state.LevelArmed ? (byte)1 : (byte)0;
        var versionLength = Encoding.UTF8.GetBytes(state.ModelVersion, destination[FixedSize..]);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[66..], (ushort)versionLength);
        destination[68] = (byte)state.AlertTimesMs.Count;
        var at = FixedSize + versionLength;
        foreach (var alertMs in state.AlertTimesMs)
        {
            BinaryPrimitives.WriteInt64LittleEndian(destination[at..], alertMs);
            at += 8;
        }

        var orderValues = lstm.OrderValues;
        BinaryPrimitives.WriteInt64LittleEndian(destination[at..], orderValues.Count);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[(at + 8)..], orderValues.Mean);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[(at + 16)..], orderValues.SumOfSquares);
        at += OrderValuesSize;
        var purchaseDays = lstm.PurchaseDays;
        BinaryPrimitives.WriteInt32LittleEndian(destination[at..], purchaseDays.Days);
        BinaryPrimitives.WriteInt32LittleEndian(destination[(at + 4)..], purchaseDays.FirstDay);
        BinaryPrimitives.WriteInt32LittleEndian(destination[(at + 8)..], purchaseDays.LastDay);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[(at + 12)..], purchaseDays.FirstDayValue);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[(at + 20)..], purchaseDays.RepeatValue);
        at += PurchaseDaysSize;
        var hidden = lstm.Hidden.Length;
        BinaryPrimitives.WriteInt32LittleEndian(destination[at..], hidden);
        at += 4;
        MemoryMarshal.AsBytes(lstm.Hidden.AsSpan()).CopyTo(destination[at..]);
        at += hidden * sizeof(float);
        MemoryMarshal.AsBytes(lstm.Cell.AsSpan()).CopyTo(destination[at..]);
        return at + (hidden * sizeof(float));
    }

    /// <summary>
    /// Reads a stored state into <paramref name="target"/>. The bookkeeping fields are always restored; the model
    /// state only when it is of this format and was computed by <paramref name="model"/> (same version and size).
    /// Returns whether it was, i.e. false means the caller must rebuild it from the rolling sequence.
    /// </summary>
    /// <exception cref="FormatException">
    /// The bytes are not a stored state of a known format, are cut short, or hold order-value moments or purchase-day
    /// statistics no history can produce.
    /// </exception>
    public static bool Decode(ReadOnlySpan<byte> source, ScoringState target, ScoringModel model)
    {
        int at;
        long ticks;
        long eventCount;
        var format = source.IsEmpty ? (byte)0 : source[0];
        var orderValues = default(OrderValueMoments);
        var purchaseDays = default(PurchaseDayStatistics);
        if (source.Length >= FixedSize && format is Format or FormatWithoutPurchaseDays or FormatWithoutOrderValues)
        {
            target.SeqNo = BinaryPrimitives.ReadInt64LittleEndian(source[1..]);
            ticks = BinaryPrimitives.ReadInt64LittleEndian(source[9..]);
            eventCount = BinaryPrimitives.ReadInt64LittleEndian(source[17..]);
            target.LastChurn = BinaryPrimitives.ReadDoubleLittleEndian(source[25..]);
            target.ReferenceChurn = BinaryPrimitives.ReadDoubleLittleEndian(source[33..]);
            target.EpisodeStartMs = BinaryPrimitives.ReadInt64LittleEndian(source[41..]);
            target.EpisodeOpenChurn = BinaryPrimitives.ReadDoubleLittleEndian(source[49..]);
            target.SilenceLevel = BinaryPrimitives.ReadInt32LittleEndian(source[57..]);
            target.Partition = BinaryPrimitives.ReadInt32LittleEndian(source[61..]);
            target.LevelArmed = (source[65] & 1) != 0;
            var versionLength = BinaryPrimitives.ReadUInt16LittleEndian(source[66..]);
            int alertCount = source[68];
            at = FixedSize + versionLength;
            Require(source, at + (8 * alertCount) + 4, target);
            target.ModelVersion = Encoding.UTF8.GetString(source.Slice(FixedSize, versionLength));
            target.AlertTimesMs.Clear();
            for (var i = 0; i < alertCount; i++, at += 8)
            {
                target.AlertTimesMs.Add(BinaryPrimitives.ReadInt64LittleEndian(source[at..]));
            }

            if (format is Format or FormatWithoutPurchaseDays)
            {
                Require(source, at + OrderValuesSize + 4, target);
                orderValues = new OrderValueMoments(
                    BinaryPrimitives.ReadInt64LittleEndian(source[at..]),
                    BinaryPrimitives.ReadDoubleLittleEndian(source[(at + 8)..]),
                    BinaryPrimitives.ReadDoubleLittleEndian(source[(at + 16)..]));
                at += OrderValuesSize;
                if (!orderValues.IsValid)
                {
                    throw new FormatException($"Stored state of {target.CustomerId} holds order-value moments no history can produce ({orderValues}).");
                }
            }

            if (format == Format)
            {
                Require(source, at + PurchaseDaysSize + 4, target);
                purchaseDays = new PurchaseDayStatistics(
                    BinaryPrimitives.ReadInt32LittleEndian(source[at..]),
                    BinaryPrimitives.ReadInt32LittleEndian(source[(at + 4)..]),
                    BinaryPrimitives.ReadInt32LittleEndian(source[(at + 8)..]),
                    BinaryPrimitives.ReadDoubleLittleEndian(source[(at + 12)..]),
                    BinaryPrimitives.ReadDoubleLittleEndian(source[(at + 20)..]));
                at += PurchaseDaysSize;
                if (!purchaseDays.IsValid)
                {
                    throw new FormatException($"Stored state of {target.CustomerId} holds purchase-day statistics no history can produce ({purchaseDays}).");
                }
            }
        }
        else if (source.Length >= FixedSizeV1 && format == FormatWithoutAlerts)
        {
            target.SeqNo = BinaryPrimitives.ReadInt64LittleEndian(source[1..]);
            ticks = BinaryPrimitives.ReadInt64LittleEndian(source[9..]);
            eventCount = BinaryPrimitives.ReadInt64LittleEndian(source[17..]);
            target.ResetAlerting(BinaryPrimitives.ReadDoubleLittleEndian(source[25..]));
            target.SilenceLevel = BinaryPrimitives.ReadInt32LittleEndian(source[41..]);
            target.Partition = BinaryPrimitives.ReadInt32LittleEndian(source[45..]);
            var versionLength = BinaryPrimitives.ReadUInt16LittleEndian(source[49..]);
            at = FixedSizeV1 + versionLength;
            Require(source, at + 4, target);
            target.ModelVersion = Encoding.UTF8.GetString(source.Slice(FixedSizeV1, versionLength));
        }
        else
        {
            throw new FormatException($"Stored state of {target.CustomerId} is not in format {FormatWithoutAlerts}, {FormatWithoutOrderValues}, {FormatWithoutPurchaseDays} or {Format}.");
        }

        var hidden = BinaryPrimitives.ReadInt32LittleEndian(source[at..]);
        at += 4;
        if (format != Format || hidden != target.Lstm.Hidden.Length || target.ModelVersion != model.Version || source.Length != at + (2 * hidden * sizeof(float)))
        {
            return false;
        }

        var h = MemoryMarshal.Cast<byte, float>(source.Slice(at, hidden * sizeof(float)));
        var c = MemoryMarshal.Cast<byte, float>(source.Slice(at + (hidden * sizeof(float)), hidden * sizeof(float)));
        target.Lstm.Restore(h, c, ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc), eventCount, orderValues, purchaseDays);
        return true;
    }

    private static void Require(ReadOnlySpan<byte> source, int length, ScoringState target)
    {
        if (source.Length < length)
        {
            throw new FormatException($"Stored state of {target.CustomerId} is cut short ({source.Length} bytes, at least {length} expected).");
        }
    }
}
