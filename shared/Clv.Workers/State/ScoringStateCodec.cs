using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Clv.Model;

namespace Clv.Workers.State;

/// <summary>
/// Binary form of a <see cref="ScoringState"/> (little-endian): format byte, seq_no, last event ticks
/// (0 = none), event count, last churn, last alert ms, silence level, partition, model version (u16 length +
/// UTF-8), hidden size, h, c. Fixed fields first so a reader can check the version before the floats.
/// </summary>
public static class ScoringStateCodec
{
    private const byte Format = 1;
    private const int FixedSize = 1 + 8 + 8 + 8 + 8 + 8 + 4 + 4 + 2;

    public static int SizeOf(ScoringState state) =>
        FixedSize + Encoding.UTF8.GetByteCount(state.ModelVersion) + 4 + (2 * state.Lstm.Hidden.Length * sizeof(float));

    public static int Encode(ScoringState state, Span<byte> destination)
    {
        var lstm = state.Lstm;
        destination[0] = Format;
        BinaryPrimitives.WriteInt64LittleEndian(destination[1..], state.SeqNo);
        BinaryPrimitives.WriteInt64LittleEndian(destination[9..], lstm.LastEventTime?.Ticks ?? 0);
        BinaryPrimitives.WriteInt64LittleEndian(destination[17..], lstm.EventCount);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[25..], state.LastChurn);
        BinaryPrimitives.WriteInt64LittleEndian(destination[33..], state.LastAlertMs);
        BinaryPrimitives.WriteInt32LittleEndian(destination[41..], state.SilenceLevel);
        BinaryPrimitives.WriteInt32LittleEndian(destination[45..], state.Partition);
        var versionLength = Encoding.UTF8.GetBytes(state.ModelVersion, destination[(FixedSize)..]);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[49..], (ushort)versionLength);
        var at = FixedSize + versionLength;
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
    /// <exception cref="FormatException">The bytes are not a stored state of this format.</exception>
    public static bool Decode(ReadOnlySpan<byte> source, ScoringState target, MtlLstmModel model)
    {
        if (source.Length < FixedSize || source[0] != Format)
        {
            throw new FormatException($"Stored state of {target.CustomerId} is not in format {Format}.");
        }

        target.SeqNo = BinaryPrimitives.ReadInt64LittleEndian(source[1..]);
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(source[9..]);
        var eventCount = BinaryPrimitives.ReadInt64LittleEndian(source[17..]);
        target.LastChurn = BinaryPrimitives.ReadDoubleLittleEndian(source[25..]);
        target.LastAlertMs = BinaryPrimitives.ReadInt64LittleEndian(source[33..]);
        target.SilenceLevel = BinaryPrimitives.ReadInt32LittleEndian(source[41..]);
        target.Partition = BinaryPrimitives.ReadInt32LittleEndian(source[45..]);
        var versionLength = BinaryPrimitives.ReadUInt16LittleEndian(source[49..]);
        var version = source.Slice(FixedSize, versionLength);
        target.ModelVersion = Encoding.UTF8.GetString(version);
        var at = FixedSize + versionLength;
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
}
