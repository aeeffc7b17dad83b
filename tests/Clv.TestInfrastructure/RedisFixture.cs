using StackExchange.Redis;
using Testcontainers.Redis;
using Xunit;
using Xunit.Abstractions;

namespace Clv.TestInfrastructure;

/// <summary>
/// A real Redis for a test collection: <c>CLV_TEST_REDIS</c> (a StackExchange.Redis configuration
/// string such as <c>localhost:6379</c>), else a Testcontainers Redis when Docker answers, else a
/// redis-server started here on a free loopback port (no persistence) and killed afterwards.
/// </summary>
public sealed class RedisFixture(IMessageSink sink) : IAsyncLifetime
{
    public const string EnvironmentVariable = "CLV_TEST_REDIS";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private LocalServerProcess? _server;
    private RedisContainer? _container;
    private ConnectionMultiplexer? _connection;

    /// <summary>StackExchange.Redis configuration string of the server.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>One multiplexer shared by the collection (as a service would share it).</summary>
    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("RedisFixture is not initialized");

    public string Backend { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            Backend = $"{EnvironmentVariable}={Redacted(configured)}";
        }
        else if (DockerEngine.Answers)
        {
            _container = new RedisBuilder("redis:7.2").Build();
            await _container.StartAsync();
            ConnectionString = _container.GetConnectionString();
            Backend = $"Testcontainers redis:7.2 at {ConnectionString}";
        }
        else
        {
            var executable = LocalServerProcess.Locate("redis-server")
                ?? throw new InvalidOperationException($"No Redis: set {EnvironmentVariable}, start a Docker engine, or install redis-server.");
            var port = FreeTcpPort.Next();
            _server = LocalServerProcess.Start(executable,
                ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"]);
            ConnectionString = $"127.0.0.1:{port}";
            Backend = $"local redis-server (pid {_server.Id}) at {ConnectionString}";
        }

        _connection = await ConnectWhenReadyAsync();
        BackendReport.Chosen(sink, "Redis", Backend);
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
        _server?.Dispose();
    }

    private async Task<ConnectionMultiplexer> ConnectWhenReadyAsync()
    {
        var options = ConfigurationOptions.Parse(ConnectionString);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 1000;
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                return await ConnectionMultiplexer.ConnectAsync(options);
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline && _server?.HasExited != true)
            {
                await Task.Delay(50);
            }
            catch (RedisConnectionException ex) when (_server is not null)
            {
                throw _server.Failure($"redis-server did not answer at {ConnectionString}: {ex.Message}");
            }
        }
    }

    // A configuration string may carry password=...; the report must not.
    private static string Redacted(string configuration) =>
        ConfigurationOptions.Parse(configuration).ToString(includePassword: false);
}
