using StackExchange.Redis;

namespace Clv.TestInfrastructure;

/// <summary>
/// A redis-server of its own with the append-only file on (one fsync per write, so a copy of the AOF taken at
/// any moment holds every write acknowledged before it), for tests that kill it and restart it on the same port,
/// on its own AOF or on an older copy: what a host crash with <c>appendfsync everysec</c> or a failover to a
/// lagging replica does to the writes a client saw acknowledged.
/// </summary>
public sealed class AofRedisServer : IDisposable
{
    private const string AofDirectory = "appendonlydir";

    private readonly string _executable;
    private readonly string _directory = Directory.CreateTempSubdirectory("clv-aof-redis-").FullName;
    private readonly string[] _arguments;
    private int _snapshots;
    private LocalServerProcess? _process;

    /// <param name="arguments">More redis-server arguments (cluster mode: its nodes.conf, in the server's own directory, survives every restart).</param>
    public AofRedisServer(params string[] arguments)
    {
        _executable = LocalServerProcess.Locate("redis-server") ?? throw new InvalidOperationException("redis-server is not installed");
        _arguments = arguments;
        Start();
    }

    public int Port { get; } = FreeTcpPort.Next();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public int ProcessId => _process?.Id ?? 0;

    /// <summary>Copies the AOF as it is now; <see cref="RestartFrom"/> brings Redis back to exactly this.</summary>
    public string Snapshot()
    {
        var snapshot = Path.Combine(_directory, $"snapshot-{++_snapshots}");
        CopyDirectory(Path.Combine(_directory, AofDirectory), snapshot);
        return snapshot;
    }

    /// <summary>SIGKILL, as a host crash would.</summary>
    public void Kill()
    {
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Kills the server and starts it again on <paramref name="snapshot"/>: every write after the snapshot is gone.</summary>
    public void RestartFrom(string snapshot)
    {
        Kill();
        var live = Path.Combine(_directory, AofDirectory);
        Directory.Delete(live, recursive: true);
        CopyDirectory(snapshot, live);
        Start();
    }

    /// <summary>Kills the server and starts it again on its own AOF.</summary>
    public void Restart()
    {
        Kill();
        Start();
    }

    /// <summary>SIGSTOP for <paramref name="duration"/>, then SIGCONT: Redis stops answering without closing a connection.</summary>
    public async Task FreezeAsync(TimeSpan duration)
    {
        Signal("STOP");
        try
        {
            await Task.Delay(duration);
        }
        finally
        {
            Signal("CONT");
        }
    }

    /// <summary>A connection that rides out restarts; <paramref name="timeoutMs"/> short for workers that must notice an outage quickly, long for a test's own checks on a loaded machine.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync(int timeoutMs = 1000) => ConnectAsync(ConnectionString, timeoutMs);

    /// <summary>A connection to <paramref name="endpoint"/> that rides out restarts and outages.</summary>
    public static async Task<ConnectionMultiplexer> ConnectAsync(string endpoint, int timeoutMs = 1000)
    {
        var options = ConfigurationOptions.Parse(endpoint);
        options.AbortOnConnectFail = false;
        options.AsyncTimeout = timeoutMs;
        options.SyncTimeout = timeoutMs;
        options.ConnectRetry = 10;
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        await WaitUntilAnswersAsync(connection);
        return connection;
    }

    /// <summary>Waits until the server answers PING (after a restart it first loads its AOF).</summary>
    public static async Task WaitUntilAnswersAsync(IConnectionMultiplexer connection)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    public void Dispose()
    {
        Kill();
        Directory.Delete(_directory, recursive: true);
    }

    private void Start() =>
        _process = LocalServerProcess.Start(_executable,
        [
            "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _directory, "--save", "",
            "--appendonly", "yes", "--appendfsync", "always", "--appenddirname", AofDirectory, .. _arguments,
        ]);

    private void Signal(string signal) =>
        System.Diagnostics.Process.Start("kill", ["-" + signal, ProcessId.ToString()])!.WaitForExit();

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
