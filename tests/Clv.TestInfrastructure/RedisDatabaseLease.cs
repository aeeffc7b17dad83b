using StackExchange.Redis;

namespace Clv.TestInfrastructure;

/// <summary>
/// One of the numbered Redis databases 1-15, held by one test at a time across every test process using the
/// same server (<c>CLV_TEST_REDIS</c> may point several runs at one): a lease key in database 0, set only if
/// absent, names the holder. Only the holder flushes its database (on taking it); a lease expires by itself if
/// its process dies, and is released on dispose. Tests that stay in database 0 use keys of their own instead.
/// </summary>
public sealed class RedisDatabaseLease : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan WaitForFree = TimeSpan.FromMinutes(2);

    private readonly ConnectionMultiplexer _admin;
    private readonly string _holder;

    private RedisDatabaseLease(ConnectionMultiplexer admin, string serverConnectionString, int database, string holder)
    {
        _admin = admin;
        _holder = holder;
        Database = database;
        ConnectionString = $"{serverConnectionString},defaultDatabase={database}";
    }

    public int Database { get; }

    /// <summary>The server's configuration string with the leased database as the default one.</summary>
    public string ConnectionString { get; }

    /// <summary>Takes a free database of the server and empties it; waits while all fifteen are held.</summary>
    public static RedisDatabaseLease Acquire(string serverConnectionString)
    {
        var admin = ConnectionMultiplexer.Connect($"{serverConnectionString},allowAdmin=true");
        var holder = $"{Environment.ProcessId}-{Guid.NewGuid():N}";
        var deadline = DateTime.UtcNow + WaitForFree;
        while (true)
        {
            for (var database = 1; database <= 15; database++)
            {
                if (admin.GetDatabase(0).StringSet(Key(database), holder, Lifetime, When.NotExists))
                {
                    admin.GetServers()[0].FlushDatabase(database);
                    return new RedisDatabaseLease(admin, serverConnectionString, database, holder);
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                admin.Dispose();
                throw new TimeoutException($"All Redis test databases stayed leased for {WaitForFree}.");
            }

            Thread.Sleep(200);
        }
    }

    public void Dispose()
    {
        try
        {
            // Only our own lease: after an expiry another test may hold this database now.
            _admin.GetDatabase(0).ScriptEvaluate(
                "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
                [Key(Database)],
                [_holder]);
        }
        catch (Exception error) when (error is RedisException or TimeoutException or TaskCanceledException)
        {
            // The lease expires by itself; failing here would hide the failure of the test that is ending.
        }
        finally
        {
            _admin.Dispose();
        }
    }

    private static RedisKey Key(int database) => $"clv-test:database-lease:{database}";
}
