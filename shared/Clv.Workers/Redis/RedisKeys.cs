using StackExchange.Redis;

namespace Clv.Workers.Redis;

/// <summary>
/// The Redis key layout. Every per-customer key carries the hash tag <c>{customer}</c>, so the scripts that
/// touch several of a customer's keys run on one Redis Cluster slot; the recency index is one sorted set per
/// partition (hash tag <c>{recency:pN}</c>), so no key is global.
/// </summary>
public static class RedisKeys
{
    /// <summary>List: the customer's last W applied events, oldest first (see <see cref="Sequencing.SequenceEntry"/>).</summary>
    public static RedisKey Sequence(string customerId) => "clv:{" + customerId + "}:seq";

    /// <summary>Hash: <c>seq</c> = last seq_no given, <c>p{partition}</c> = last applied offset of that partition.</summary>
    public static RedisKey Meta(string customerId) => "clv:{" + customerId + "}:meta";

    /// <summary>Hash: <c>seq</c> = seq_no the state includes, <c>blob</c> = the encoded <see cref="State.CustomerState"/>.</summary>
    public static RedisKey State(string customerId) => "clv:{" + customerId + "}:state";

    /// <summary>Sorted set: customer id scored by the event time (Unix ms) at which its next silence check is due.</summary>
    public static RedisKey RecencyDue(int partition) => "clv:{recency:p" + partition + "}:due";
}
