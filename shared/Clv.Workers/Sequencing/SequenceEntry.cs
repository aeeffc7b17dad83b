using System.Buffers.Text;

namespace Clv.Workers.Sequencing;

/// <summary>
/// One element of a customer's rolling sequence list: the ASCII header <c>partition:offset:seq_no</c>, a newline,
/// then the event's original JSON bytes as it arrived (already validated; re-parsed only on a rebuild).
/// The header is text so the sequencing script can match a repeated offset with plain Lua string functions.
/// </summary>
public readonly record struct SequenceEntry(int Partition, long Offset, long SeqNo, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Splits a stored element; false when it is not in this format.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> stored, out SequenceEntry entry)
    {
        entry = default;
        var span = stored.Span;
        var newline = span.IndexOf((byte)'\n');
        if (newline < 0)
        {
            return false;
        }

        var header = span[..newline];
        if (!Utf8Parser.TryParse(header, out int partition, out var read) || read >= header.Length || header[read] != ':')
        {
            return false;
        }

        header = header[(read + 1)..];
        if (!Utf8Parser.TryParse(header, out long offset, out read) || read >= header.Length || header[read] != ':')
        {
            return false;
        }

        header = header[(read + 1)..];
        if (!Utf8Parser.TryParse(header, out long seqNo, out read) || read != header.Length)
        {
            return false;
        }

        entry = new SequenceEntry(partition, offset, seqNo, stored[(newline + 1)..]);
        return true;
    }
}
