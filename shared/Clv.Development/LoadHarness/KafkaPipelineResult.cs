using HdrHistogram;

namespace Clv.Development.LoadHarness;

/// <summary>
/// The end-to-end run through the Kafka-protocol broker, with the broker's own cost beside it: the same
/// messages produced and consumed with no worker in between, and each producer codec on those messages.
/// </summary>
public sealed record KafkaPipelineResult(
    int Events,
    int Partitions,
    double BrokerProduceSeconds,
    double BrokerConsumeSeconds,
    double EndToEndSeconds,
    IReadOnlyList<ProducerCodecResult> Codecs,
    double PacedEventsPerSecond,
    LongHistogram PacedLatencyMicroseconds)
{
    public double BrokerProducePerSecond => Events / BrokerProduceSeconds;

    public double BrokerConsumePerSecond => Events / BrokerConsumeSeconds;

    /// <summary>Produce then consume the same messages, one after the other: the broker's share of an event's path.</summary>
    public double BrokerRoundTripPerSecond => Events / (BrokerProduceSeconds + BrokerConsumeSeconds);

    public double EndToEndPerSecond => Events / EndToEndSeconds;

    /// <summary>Event produced to its update read, at <see cref="PacedEventsPerSecond"/>; milliseconds at <paramref name="percentile"/>.</summary>
    public double PacedLatencyMs(double percentile) => PacedLatencyMicroseconds.GetValueAtPercentile(percentile) / 1000.0;
}
