namespace Clv.Development.LoadHarness;

/// <summary>
/// Redis bytes per customer after <see cref="EventsPerCustomer"/> events, averaged over <see cref="Customers"/>
/// (<see cref="EventJsonBytes"/> and <see cref="EventIdBytes"/>: mean size of an event's JSON and of its id in UTF-8):
/// MEMORY USAGE summed over each customer's keys (<see cref="BytesByKind"/> per key kind), the customer's share of
/// the recency index (a system key holding one member per customer), and redis-server's used_memory growth per
/// customer (which adds the keyspace dictionary's entries and allocator rounding).
/// </summary>
public sealed record RedisMemoryResult(
    int EventsPerCustomer,
    int Customers,
    int EventsInWindow,
    double EventJsonBytes,
    double EventIdBytes,
    IReadOnlyDictionary<string, double> BytesByKind,
    double RecencyIndexBytes,
    double UsedMemoryBytes)
{
    /// <summary>MEMORY USAGE over the customer's keys plus its share of the recency index.</summary>
    public double TotalBytes => BytesByKind.Values.Sum() + RecencyIndexBytes;
}
