using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Clv.Model;

namespace Clv.Workers.State;

/// <summary>
/// Binary form of a <see cref="ScoringState"/> (little-endian). Format 2: format byte, seq_no, last event ticks
/// (0 = none), event count, last churn, reference churn, episode start ms, episode open churn, silence level,
/// partition, flags (bit 0: level armed), model version length (u16), alert-time count (u8), then the model
/// version (UTF-8), the alert times (i64 each), hidden size, h, c. Fixed fields first so a reader can check the
/// version before the floats. Format 1 (no alert fields) is still read: its bookkeeping and LSTM state are kept
/// and the alert fields start fresh, as for a customer never alerted.
/// </summary>
public static class ScoringStateCodec
{
    /// <summary>Most alert times a state can carry (the budget option is validated against it).</summary>
    public const int MaxAlertTimes = byte.MaxValue;

    private const byte Format = 2;
    private const byte FormatWithoutAlerts = 1;
    private const int FixedSize = 1 + 8 + 8 + 8 + 8 + 8 + 8 + 8 + 4 + 4 + 1 + 2 + 1;
    private const int FixedSizeV1 = 1 + 8 + 8 + 8 + 8 + 8 + 4 + 4 + 2;

    public static int SizeOf(ScoringState state) =>
        FixedSize + Encoding.UTF8.GetByteCount(state.ModelVersion) + (8 * state.AlertTimesMs.Count) + 4 + (2 * state.Lstm.Hidden.Length * sizeof(float));

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

        var hidden = lstm.Hidden.Length;
        BinaryPrimitives.WriteInt32LittleEndian(destination[at..], hidden);
        at += 4;
        MemoryMarshal.AsBytes(lstm.Hidden.AsSpan()).CopyTo(destination[at..]);
        at += hidden * sizeof(float);
        MemoryMarshal.AsBytes(lstm.Cell.AsSpan()).CopyTo(destination[at..]);
        return at + (hidden * sizeof(float));
    }

    /// <summary>
    /// Reads a stored state into <paramref name="target"/>. The bookkeeping fields are always restored; the LSTM
    /// state only when it was computed by <paramref name="model"/> (same version and size). Returns whether it was,
    /// i.e. false means the caller must rebuild (h, c) from the rolling sequence.
    /// </summary>
    /// <exception cref="FormatException">The bytes are not a stored state of a known format, or are cut short.</exception>
    public static bool Decode(ReadOnlySpan<byte> source, ScoringState target, MtlLstmModel model)
    {
        int at;
        long ticks;
        long eventCount;
        if (source.Length >= FixedSize && source[0] == Format)
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
        }
        else if (source.Length >= FixedSizeV1 && source[0] == FormatWithoutAlerts)
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
            throw new FormatException($"Stored state of {target.CustomerId} is not in format {FormatWithoutAlerts} or {Format}.");
        }

        var hidden = BinaryPrimitives.ReadInt32LittleEndian(source[at..]);
        at += 4;
        if (hidden != target.Lstm.Hidden.Length || target.ModelVersion != model.Version || source.Length != at + (2 * hidden * sizeof(float)))
        {
            return false;
        }

        var h = MemoryMarshal.Cast<byte, float>(source.Slice(at, hidden * sizeof(float)));
        var c = MemoryMarshal.Cast<byte, float>(source.Slice(at + (hidden * sizeof(float)), hidden * sizeof(float)));
        target.Lstm.Restore(h, c, ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc), eventCount);
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
