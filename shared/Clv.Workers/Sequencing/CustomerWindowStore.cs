using Clv.Hosting.Redis;
using StackExchange.Redis;

namespace Clv.Workers.Sequencing;

/// <summary>Reads customers' rolling windows for the readers (scorer rebuilds, the history endpoint, the trainer).</summary>
public static class CustomerWindowStore
{
    /// <summary>
    /// The customer's window, its two keys read in one transaction so a concurrent append cannot put them out of
    /// step; null when the customer has none. Calls for many customers are pipelined until they are awaited.
    /// </summary>
    /// <exception cref="FormatException">The stored window is not in window format 1.</exception>
    public static async Task<CustomerWindow?> ReadAsync(IDatabase db, string customerId)
    {
        var transaction = db.CreateTransaction();
        var window = transaction.StringGetAsync(RedisKeys.Window(customerId));
        var eventIds = transaction.ListRangeAsync(RedisKeys.WindowEventIds(customerId));
        await transaction.ExecuteAsync().ConfigureAwait(false);
        var stored = await window.ConfigureAwait(false);
        var ids = await eventIds.ConfigureAwait(false);
        return stored.IsNull ? null : CustomerWindowCodec.Decode(((ReadOnlyMemory<byte>)stored).Span, Array.ConvertAll(ids, id => (string)id!));
    }
}
