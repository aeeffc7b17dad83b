namespace Clv.Workers.Sequencing;

/// <summary>
/// A customer's rolling window as stored in <c>clv:c:{customer}:win</c> (see
/// <see cref="CustomerWindowCodec"/>): how many events it keeps, the last seq_no given to the customer, the last
/// offset applied from each partition its events came from, and its latest applied events, oldest first, whose
/// seq_nos run consecutively up to <see cref="LastSeqNo"/>.
/// </summary>
public sealed record CustomerWindow(int Capacity, long LastSeqNo, IReadOnlyList<(int Partition, long LastOffset)> Partitions, IReadOnlyList<WindowRecord> Records);
