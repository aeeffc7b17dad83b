using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clv.Contracts.Validation;
using Clv.Hosting.Telemetry;
using Confluent.Kafka;

namespace Clv.Workers.Kafka;

/// <summary>
/// Sends a refused message to <c>transactions.dlq</c>: same key, the original bytes, and headers that say why
/// (reason code and message) and where it came from (topic, partition, offset), so it can be inspected and
/// replayed. The original headers (trace context) are kept. A message the dead-letter topic cannot take whole
/// (larger than <c>Workers:DeadLetterMaxBytes</c>, or refused by the producer) is recorded truncated: its first
/// bytes, with its size and SHA-256 in headers, so the partition moves on and the record still identifies it.
/// </summary>
public static class DeadLetters
{
    public const string ReasonHeader = "clv-dlq-reason";
    public const string MessageHeader = "clv-dlq-message";
    public const string TopicHeader = "clv-dlq-topic";
    public const string PartitionHeader = "clv-dlq-partition";
    public const string OffsetHeader = "clv-dlq-offset";
    public const string TruncatedHeader = "clv-dlq-truncated";
    public const string SizeHeader = "clv-dlq-size";
    public const string Sha256Header = "clv-dlq-sha256";

    /// <summary>How many leading bytes of the value a truncated dead letter keeps.</summary>
    public const int TruncatedPreviewBytes = 1024;

    public static void Send(DeliveryBatch delivery, string topic, ConsumeResult<string, byte[]> source, Rejection rejection, int maxBytes)
    {
        var value = source.Message.Value ?? [];
        var headers = Headers(source, rejection);
        var size = Size(source.Message.Key) + value.Length + headers.Sum(h => h.Key.Length + h.GetValueBytes().Length);
        try
        {
            if (size <= maxBytes)
            {
                delivery.Produce(topic, new Message<string, byte[]> { Key = source.Message.Key, Value = value, Headers = headers });
            }
            else
            {
                delivery.Produce(topic, Truncated(source, rejection, value, $"{size} bytes exceed Workers:DeadLetterMaxBytes ({maxBytes})"));
            }
        }
        catch (ProduceException<string, byte[]> refused)
        {
            // Refused before it left the process (larger than the producer's message.max.bytes, say).
            delivery.Produce(topic, Truncated(source, rejection, value, refused.Error.Reason));
        }

        ClvTelemetry.EventsDeadLettered.Add(1, new KeyValuePair<string, object?>("reason", rejection.Reason.ToString()));
    }

    private static Message<string, byte[]> Truncated(ConsumeResult<string, byte[]> source, Rejection rejection, byte[] value, string why)
    {
        // The original headers may be what made it too large: only the dead-letter headers are kept.
        var headers = DeadLetterHeaders(new Headers(), source, rejection);
        headers.Add(TruncatedHeader, Encoding.UTF8.GetBytes(why));
        headers.Add(SizeHeader, Encoding.UTF8.GetBytes(value.Length.ToString(CultureInfo.InvariantCulture)));
        headers.Add(Sha256Header, Encoding.UTF8.GetBytes(Convert.ToHexStringLower(SHA256.HashData(value))));
        var key = source.Message.Key is { Length: > TruncatedPreviewBytes } longKey ? longKey[..TruncatedPreviewBytes] : source.Message.Key;
        return new Message<string, byte[]> { Key = key, Value = value[..Math.Min(value.Length, TruncatedPreviewBytes)], Headers = headers };
    }

    private static Headers Headers(ConsumeResult<string, byte[]> source, Rejection rejection)
    {
        var headers = new Headers();
        if (source.Message.Headers is { } original)
        {
            foreach (var header in original)
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        return DeadLetterHeaders(headers, source, rejection);
    }

    private static Headers DeadLetterHeaders(Headers headers, ConsumeResult<string, byte[]> source, Rejection rejection)
    {
        headers.Add(ReasonHeader, Encoding.UTF8.GetBytes(rejection.Reason.ToString()));
        headers.Add(MessageHeader, Encoding.UTF8.GetBytes(rejection.ToString()));
        headers.Add(TopicHeader, Encoding.UTF8.GetBytes(source.Topic));
        headers.Add(PartitionHeader, Encoding.UTF8.GetBytes(source.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(OffsetHeader, Encoding.UTF8.GetBytes(source.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        return headers;
    }

    private static int Size(string? key) => key is null ? 0 : Encoding.UTF8.GetByteCount(key);
}
