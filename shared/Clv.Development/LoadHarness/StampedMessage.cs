using Confluent.Kafka;

namespace Clv.Development.LoadHarness;

/// <summary>A message on its way to a stage, with the arrival time (Stopwatch ticks) of the event it carries.</summary>
public readonly record struct StampedMessage(ConsumeResult<string, byte[]> Message, long ArrivalTicks);
