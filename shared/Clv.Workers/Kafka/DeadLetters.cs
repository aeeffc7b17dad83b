using System.Text;
using Clv.Contracts.Validation;
using Clv.Hosting.Telemetry;
using Confluent.Kafka;

namespace Clv.Workers.Kafka;

/// <summary>
/// Sends a refused message to <c>transactions.dlq</c>: same key, the original bytes, and headers that say why
/// (reason code and message) and where it came from (topic, partition, offset), so it can be inspected and
/// replayed. The original headers (trace context) are kept.
/// </summary>
public static class DeadLetters
{
    public const string ReasonHeader = "clv-dlq-reason";
    public const string MessageHeader = "clv-dlq-message";
    public const string TopicHeader = "clv-dlq-topic";
    public const string PartitionHeader = "clv-dlq-partition";
    public const string OffsetHeader = "clv-dlq-offset";

    public static void Send(DeliveryBatch delivery, string topic, ConsumeResult<string, byte[]> source, Rejection rejection)
    {
        var headers = new Headers();
        if (source.Message.Headers is { } original)
        {
            foreach (var header in original)
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        var reason = rejection.Reason.ToString();
        headers.Add(ReasonHeader, Encoding.UTF8.GetBytes(reason));
        headers.Add(MessageHeader, Encoding.UTF8.GetBytes(rejection.ToString()));
        headers.Add(TopicHeader, Encoding.UTF8.GetBytes(source.Topic));
        headers.Add(PartitionHeader, Encoding.UTF8.GetBytes(source.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        headers.Add(OffsetHeader, Encoding.UTF8.GetBytes(source.Offset.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        delivery.Produce(topic, new Message<string, byte[]> { Key = source.Message.Key, Value = source.Message.Value, Headers = headers });
        ClvTelemetry.EventsDeadLettered.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }
}
