using StackExchange.Redis;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Clv.TestInfrastructure;

/// <summary>
/// A real redis-server in cluster mode (<c>--cluster-enabled yes</c>) that owns all 16,384 slots
/// (<c>CLUSTER ADDSLOTSRANGE 0 16383</c>): a one-node cluster refuses a multi-key command whose keys hash to
/// different slots (CROSSSLOT) exactly as a many-node one does. <c>CLV_TEST_REDIS_CLUSTER</c> names an existing
/// cluster instead. Tests share the server: give keys a per-test prefix.
/// </summary>
public sealed class RedisClusterFixture(IMessageSink sink) : IAsyncLifetime
{
    public const string EnvironmentVariable = "CLV_TEST_REDIS_CLUSTER";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private LocalServerProcess? _server;
    private string? _directory;
    private ConnectionMultiplexer? _connection;

    public string ConnectionString { get; private set; } = string.Empty;

    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("RedisClusterFixture is not initialized");

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        string backend;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            backend = $"{EnvironmentVariable}={ConfigurationOptions.Parse(configured).ToString(includePassword: false)}";
        }
        else
        {
            var executable = LocalServerProcess.Locate("redis-server")
                ?? throw new InvalidOperationException($"No Redis Cluster: set {EnvironmentVariable} or install redis-server.");
            var port = FreeTcpPort.Next();
            _directory = Directory.CreateTempSubdirectory("clv-redis-cluster-").FullName;
            _server = LocalServerProcess.Start(executable,
            [
                "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--cluster-enabled", "yes", "--cluster-config-file", Path.Combine(_directory, "nodes.conf"), "--dir", _directory,
            ]);
            ConnectionString = $"127.0.0.1:{port}";
            await AssignAllSlotsAsync();
            backend = $"local redis-server in cluster mode (pid {_server.Id}) at {ConnectionString}";
        }

        var options = ConfigurationOptions.Parse(ConnectionString);
        options.AbortOnConnectFail = true;
        _connection = await ConnectionMultiplexer.ConnectAsync(options);
        sink.OnMessage(new DiagnosticMessage($"[clv-test-infra] Redis Cluster: {backend}"));
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _server?.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Gives the node every slot, then waits until it reports <c>cluster_state:ok</c>.</summary>
    private async Task AssignAllSlotsAsync()
    {
        var options = ConfigurationOptions.Parse(ConnectionString);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 1000;
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                await using var admin = await ConnectionMultiplexer.ConnectAsync(options);
                var server = admin.GetServer(admin.GetEndPoints()[0]);
                await server.ExecuteAsync("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
                while (!((string)(await server.ExecuteAsync("CLUSTER", "INFO"))!).Contains("cluster_state:ok", StringComparison.Ordinal))
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        throw _server!.Failure("redis-server did not reach cluster_state:ok");
                    }

                    await Task.Delay(50);
                }

                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline && !_server!.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }
}
