using Clv.Hosting.Redis;
using Clv.Workers.State;
using StackExchange.Redis;

namespace Clv.Api.Customers;

/// <summary>
/// Reads customers' latest scores from the fields the scorer writes beside its state (<see cref="ReadableScoreJson"/>):
/// one HMGET per customer, all of a batch sent together as one pipelined round trip.
/// </summary>
public sealed class CustomerScoreReader(IConnectionMultiplexer redis)
{
    private static readonly RedisValue[] Fields = [ReadableScoreJson.ScoreField, ReadableScoreJson.EventIdField, ReadableScoreJson.PurchaseAtField];

    public async Task<CustomerScore?> GetAsync(string customerId) =>
        Decode(customerId, await redis.GetDatabase().HashGetAsync(RedisKeys.State(customerId), Fields).ConfigureAwait(false));

    /// <summary>The scores of the ids that have one, in the order asked (an id asked twice is answered twice).</summary>
    public async Task<CustomerScore?[]> GetManyAsync(IReadOnlyList<string> customerIds)
    {
        var batch = redis.GetDatabase().CreateBatch();
        var reads = new Task<RedisValue[]>[customerIds.Count];
        for (var i = 0; i < reads.Length; i++)
        {
            reads[i] = batch.HashGetAsync(RedisKeys.State(customerIds[i]), Fields);
        }

        batch.Execute();
        var scores = new CustomerScore?[reads.Length];
        for (var i = 0; i < reads.Length; i++)
        {
            scores[i] = Decode(customerIds[i], await reads[i].ConfigureAwait(false));
        }

        return scores;
    }

    private static CustomerScore? Decode(string customerId, RedisValue[] fields) =>
        fields[0].IsNull
            ? null
            : CustomerScore.From(customerId, ReadableScoreJson.Read(((ReadOnlyMemory<byte>)fields[0]).Span, fields[1], fields[2]));
}
