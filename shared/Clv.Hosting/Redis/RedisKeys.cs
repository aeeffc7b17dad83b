using System.Buffers;
using System.Text;
using StackExchange.Redis;

namespace Clv.Hosting.Redis;

/// <summary>
/// The Redis key layout. Customer data lives under <c>clv:c:{id}:</c>, where id is the customer id encoded by
/// <see cref="EncodeCustomerId"/>: the encoded form holds only <c>A-Z a-z 0-9 - . _ ~ %</c>, so no input can
/// put a brace, a colon, a newline or a non-ASCII character into a key. The hash tag <c>{id}</c> is therefore
/// the whole encoded id: every key of one customer is in one Redis Cluster slot, and two different ids never
/// share a key (the encoding is injective). System keys (model store <c>clv:{models}:</c>, recency indexes
/// <c>clv:{recency:pN}:</c>) start with <c>clv:{</c>, which no customer key does.
/// </summary>
public static class RedisKeys
{
    /// <summary>What every customer key starts with; no system key does.</summary>
    public const string CustomerPrefix = "clv:c:";

    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>
    /// String: the customer's rolling window in window format 2 (last seq_no given, last applied offset per partition,
    /// and a ring of the last W + 1 applied events as fixed-size binary records, event ids as 64-bit hashes); see the
    /// workers' window codec.
    /// </summary>
    public static RedisKey Window(string customerId) => CustomerKey(customerId, "win");

    /// <summary>
    /// String: 64-bit hashes and fingerprints of the event ids that left the window but are still within a dedupe
    /// horizon configured beyond it (absent with the default horizon, the window).
    /// </summary>
    public static RedisKey EvictedEventIds(string customerId) => CustomerKey(customerId, "evicted");

    /// <summary>Hash: <c>seq</c> = seq_no the state includes, <c>blob</c> = the encoded scoring state.</summary>
    public static RedisKey State(string customerId) => CustomerKey(customerId, "state");

    /// <summary>
    /// Hash of the storage format before window format 1 (last seq_no and per-partition offsets, beside a <c>seq</c>
    /// list of JSON entries and <c>ids</c>/<c>idq</c> dedupe keys). Never written any more: its presence marks a
    /// customer written by an older version, which the sequencing script refuses (see the README's rebuild).
    /// </summary>
    public static RedisKey LegacyMeta(string customerId) => CustomerKey(customerId, "meta");

    /// <summary>Sorted set: customer id scored by the event time (Unix ms) at which its next silence check is due.</summary>
    public static RedisKey RecencyDue(int partition) => "clv:{recency:p" + partition + "}:due";

    /// <summary>A SCAN pattern matching the given key kind (<c>seq</c>, <c>state</c>...) of every customer.</summary>
    public static string CustomerPattern(string kind) => CustomerPrefix + "{*}:" + kind;

    /// <summary>The customer id a customer key belongs to; null when the key is not a customer key.</summary>
    public static string? CustomerIdOf(string key)
    {
        if (!key.StartsWith(CustomerPrefix + "{", StringComparison.Ordinal))
        {
            return null;
        }

        var start = CustomerPrefix.Length + 1;
        var end = key.IndexOf('}', start);
        return end < 0 ? null : DecodeCustomerId(key.AsSpan(start, end - start));
    }

    /// <summary>
    /// Percent-encodes the UTF-8 bytes of <paramref name="customerId"/> outside <c>A-Z a-z 0-9 - . _ ~</c> (RFC 3986's
    /// unreserved set), so plain ids stay readable in <c>redis-cli</c> and every other byte becomes <c>%XX</c>.
    /// </summary>
    public static string EncodeCustomerId(string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        if (IsAllUnreserved(customerId))
        {
            return customerId;
        }

        var bytes = Encoding.UTF8.GetBytes(customerId);
        var encoded = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (IsUnreserved((char)b))
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        return encoded.ToString();
    }

    /// <summary>The inverse of <see cref="EncodeCustomerId"/>.</summary>
    public static string DecodeCustomerId(ReadOnlySpan<char> encoded)
    {
        if (!encoded.Contains('%'))
        {
            return encoded.ToString();
        }

        var bytes = ArrayPool<byte>.Shared.Rent(encoded.Length);
        try
        {
            var length = 0;
            for (var i = 0; i < encoded.Length; i++)
            {
                bytes[length++] = encoded[i] == '%' && i + 2 < encoded.Length
                    ? (byte)((HexDigits.IndexOf(encoded[++i]) << 4) | HexDigits.IndexOf(encoded[++i]))
                    : (byte)encoded[i];
            }

            return Encoding.UTF8.GetString(bytes, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static RedisKey CustomerKey(string customerId, string kind) =>
        string.Concat(CustomerPrefix, "{", EncodeCustomerId(customerId), "}:", kind);

    private static bool IsAllUnreserved(string text)
    {
        foreach (var c in text)
        {
            if (!IsUnreserved(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
