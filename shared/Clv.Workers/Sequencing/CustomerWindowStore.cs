using Clv.Hosting.Redis;
using StackExchange.Redis;

namespace Clv.Workers.Sequencing;

/// <summary>Reads customers' rolling windows for the readers (scorer rebuilds, the history endpoint, the trainer).</summary>
public static class CustomerWindowStore
{
    /// <summary>
    /// The customer's window (one key, so one read sees one script's writes whole); null when the customer has
    /// none. Calls for many customers are pipelined until they are awaited.
    /// </summary>
    /// <exception cref="FormatException">The stored window is not in window format 2.</exception>
    public static async Task<CustomerWindow?> ReadAsync(IDatabase db, string customerId)
    {
        var stored = await db.StringGetAsync(RedisKeys.Window(customerId)).ConfigureAwait(false);
        return stored.IsNull ? null : CustomerWindowCodec.Decode(((ReadOnlyMemory<byte>)stored).Span);
    }
}
