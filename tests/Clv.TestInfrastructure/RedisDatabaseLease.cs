using StackExchange.Redis;

namespace Clv.TestInfrastructure;

/// <summary>
/// One of the numbered Redis databases 1-15, held by one test at a time across every test process using the
/// same server (<c>CLV_TEST_REDIS</c> may point several runs at one): a lease key in database 0, set only if
/// absent, names the holder. The holder alone flushes its database (on taking it); the lease expires by itself if
/// its process dies, and is released on dispose.
/// </summary>
public sealed class RedisDatabaseLease : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan WaitForFree = TimeSpan.FromMinutes(2);

    private readonly IDatabase _leases;
    private readonly string _holder;

    private RedisDatabaseLease(IDatabase leases, int database, string holder)
    {
        _leases = leases;
        Database = database;
        _holder = holder;
    }

    public int Database { get; }

    /// <summary>Takes a free database and empties it (<paramref name="redis"/> needs allowAdmin); waits while all fifteen are held.</summary>
    public static RedisDatabaseLease Acquire(IConnectionMultiplexer redis)
    {
        var leases = redis.GetDatabase(0);
        var holder = $"{Environment.ProcessId}-{Guid.NewGuid():N}";
        var deadline = DateTime.UtcNow + WaitForFree;
        while (true)
        {
            for (var database = 1; database <= 15; database++)
            {
                if (leases.StringSet(Key(database), holder, Lifetime, When.NotExists))
                {
                    redis.GetServers()[0].FlushDatabase(database);
                    return new RedisDatabaseLease(leases, database, holder);
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"All Redis test databases stayed leased for {WaitForFree}.");
            }

            Thread.Sleep(200);
        }
    }

    public void Dispose()
    {
        // Only our own lease: after an expiry another test may hold this database now.
        _leases.ScriptEvaluate(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
            [Key(Database)],
            [_holder]);
    }

    private static RedisKey Key(int database) => $"clv-test:database-lease:{database}";
}
