using StackExchange.Redis;
using Testcontainers.Redis;
using Xunit.Abstractions;

namespace Clv.TestInfrastructure;

/// <summary>
/// A real Redis for a test collection: <c>CLV_TEST_REDIS</c> (a StackExchange.Redis configuration
/// string such as <c>localhost:6379</c>), else a Testcontainers Redis when Docker answers, else a
/// redis-server started here on a free loopback port (no persistence) and killed afterwards.
/// Tests of a collection share the server: give keys a per-test prefix, or lease a database of your own
/// (<see cref="RedisDatabaseLease"/>) when the code under test scans or sweeps a whole database.
/// </summary>
public sealed class RedisFixture(IMessageSink sink) : InfrastructureFixture(sink, "Redis", EnvironmentVariable)
{
    public const string EnvironmentVariable = "CLV_TEST_REDIS";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private ConnectionMultiplexer? _connection;

    /// <summary>StackExchange.Redis configuration string of the server.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>One multiplexer shared by the collection (as a service would share it).</summary>
    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("RedisFixture is not initialized");

    protected override string UseConfigured(string address)
    {
        ConnectionString = address;
        // A configuration string may carry password=...; the report must not.
        return $"{EnvironmentVariable}={ConfigurationOptions.Parse(address).ToString(includePassword: false)}";
    }

    protected override async Task<string> StartContainerAsync()
    {
        var container = await Run(new RedisBuilder("redis:7.2").Build());
        ConnectionString = container.GetConnectionString();
        return $"Testcontainers redis:7.2 at {ConnectionString}";
    }

    protected override string StartLocal()
    {
        var executable = LocalServerProcess.Locate("redis-server") ?? throw Missing("redis-server");
        var port = FreeTcpPort.Next();
        var server = Launch(executable, ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"]);
        ConnectionString = $"127.0.0.1:{port}";
        return $"local redis-server (pid {server.Id}) at {ConnectionString}";
    }

    protected override async Task WaitUntilReadyAsync()
    {
        var options = ConfigurationOptions.Parse(ConnectionString);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 1000;
        var deadline = DateTime.UtcNow + StartTimeout;
        while (_connection is null)
        {
            try
            {
                _connection = await ConnectionMultiplexer.ConnectAsync(options);
            }
            catch (RedisConnectionException) when (MayRetry(deadline))
            {
                await Task.Delay(50);
            }
            catch (RedisConnectionException ex) when (LocalServer is not null)
            {
                throw LocalServer.Failure($"redis-server did not answer at {ConnectionString}: {ex.Message}");
            }
        }
    }

    protected override async Task ReleaseAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
