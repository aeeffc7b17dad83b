using Confluent.Kafka;

namespace Clv.Development.LoadHarness;

/// <summary>
/// One codec's cost for the same messages: the seconds and process CPU to produce and flush them, the bytes
/// librdkafka handed the broker (its <c>tx_bytes</c> statistic: request framing included) beside the
/// messages' own payload bytes, and the seconds and process CPU to consume them back.
/// </summary>
public sealed record ProducerCodecResult(
    CompressionType Codec,
    int Events,
    double Seconds,
    long PayloadBytes,
    long WireBytes,
    double ProducerCpuSeconds,
    double ConsumeSeconds,
    double ConsumerCpuSeconds)
{
    public double EventsPerSecond => Events / Seconds;

    public double WireBytesPerEvent => (double)WireBytes / Events;

    /// <summary>Bytes on the wire per payload byte: below 1 when the codec wins more than the framing costs.</summary>
    public double WireToPayload => (double)WireBytes / PayloadBytes;

    public double ProducerCpuMicrosecondsPerEvent => ProducerCpuSeconds * 1e6 / Events;

    public double ConsumerCpuMicrosecondsPerEvent => ConsumerCpuSeconds * 1e6 / Events;
}
