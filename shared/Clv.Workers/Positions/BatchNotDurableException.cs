namespace Clv.Workers.Positions;

/// <summary>
/// The batch in hand may have been applied to a Redis that lost earlier writes, or lost its own: the consume loop
/// publishes and commits nothing of it, rewinds its partitions and verifies them against Redis again.
/// </summary>
public sealed class BatchNotDurableException(string message) : Exception(message);
