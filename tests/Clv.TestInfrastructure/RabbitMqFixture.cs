using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Testcontainers.RabbitMq;
using Xunit;
using Xunit.Abstractions;

namespace Clv.TestInfrastructure;

/// <summary>
/// A real RabbitMQ for a test collection: <c>CLV_TEST_RABBITMQ</c> (an amqp:// URI), else a
/// Testcontainers RabbitMQ when Docker answers, else a rabbitmq-server node started here with its
/// own ports, node name and directories (deleted afterwards), no plugins; it answers in about 4 s.
/// </summary>
public sealed class RabbitMqFixture(IMessageSink sink) : IAsyncLifetime
{
    public const string EnvironmentVariable = "CLV_TEST_RABBITMQ";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private LocalServerProcess? _server;
    private RabbitMqContainer? _container;
    private string? _directory;

    /// <summary>amqp:// URI with credentials, for AddClvBus (RabbitMq:Uri) or a ConnectionFactory.</summary>
    public Uri Uri { get; private set; } = new("amqp://localhost");

    public string Backend { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Uri = new Uri(configured);
            Backend = $"{EnvironmentVariable}={Uri.Scheme}://{Uri.Host}:{Uri.Port}{Uri.AbsolutePath}";
        }
        else if (DockerEngine.Answers)
        {
            _container = new RabbitMqBuilder("rabbitmq:3.13").Build();
            await _container.StartAsync();
            Uri = new Uri(_container.GetConnectionString());
            Backend = $"Testcontainers rabbitmq:3.13 at {Uri.Host}:{Uri.Port}";
        }
        else
        {
            StartLocalNode();
        }

        await WaitUntilReadyAsync();
        BackendReport.Chosen(sink, "RabbitMQ", Backend);
    }

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
        _server?.Dispose();
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // a file still held by an exiting process: it lives in the temp directory anyway
            }
        }
    }

    private void StartLocalNode()
    {
        var executable = LocateServer()
            ?? throw new InvalidOperationException($"No RabbitMQ: set {EnvironmentVariable}, start a Docker engine, or install rabbitmq-server.");
        var port = FreeTcpPort.Next();
        var distributionPort = FreeTcpPort.Next();
        var node = $"clvtest{Guid.NewGuid():N}"[..20] + "@localhost";
        _directory = Directory.CreateTempSubdirectory("clv-rabbitmq-").FullName;
        var mnesia = Directory.CreateDirectory(Path.Combine(_directory, "mnesia")).FullName;
        var logs = Directory.CreateDirectory(Path.Combine(_directory, "log")).FullName;
        var plugins = Path.Combine(_directory, "enabled_plugins");
        File.WriteAllText(plugins, string.Empty);
        GiveToRabbitMqUser(_directory);

        _server = LocalServerProcess.Start(executable, [], new Dictionary<string, string>
        {
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(),
            ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(),
            ["RABBITMQ_NODENAME"] = node,
            ["RABBITMQ_MNESIA_BASE"] = mnesia,
            ["RABBITMQ_LOG_BASE"] = logs,
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins,
        });
        // guest/guest is allowed from loopback only, which is where this node listens.
        Uri = new Uri($"amqp://guest:guest@127.0.0.1:{port}/");
        Backend = $"local rabbitmq-server node {node} (pid {_server.Id}) at 127.0.0.1:{port}";
    }

    // Debian's /usr/sbin/rabbitmq-server wrapper accepts only root (and drops to the rabbitmq user) or
    // rabbitmq itself; any other user runs the release's own script directly, as itself.
    private static string? LocateServer()
    {
        const string debianReleaseScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
        return !IsRoot && File.Exists(debianReleaseScript) ? debianReleaseScript : LocalServerProcess.Locate("rabbitmq-server");
    }

    private static bool IsRoot => Environment.UserName == "root";

    // Started by root, the Debian wrapper re-runs rabbitmq-server as the rabbitmq user, which must
    // own its directories. For any other user the files already belong to whoever runs the node.
    private static void GiveToRabbitMqUser(string directory)
    {
        if (!IsRoot)
        {
            return;
        }
        using var chown = System.Diagnostics.Process.Start("chown", ["-R", "rabbitmq:rabbitmq", directory]);
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown -R rabbitmq:rabbitmq {directory} failed with {chown.ExitCode}");
        }
    }

    // The broker opens its AMQP listener last in its boot, so a successful AMQP connection means ready.
    private async Task WaitUntilReadyAsync()
    {
        var factory = new ConnectionFactory { Uri = Uri, RequestedConnectionTimeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                await using var connection = await factory.CreateConnectionAsync();
                return;
            }
            catch (BrokerUnreachableException) when (DateTime.UtcNow < deadline && _server?.HasExited != true)
            {
                await Task.Delay(200);
            }
            catch (BrokerUnreachableException ex) when (_server is not null)
            {
                throw _server.Failure($"rabbitmq-server did not accept AMQP connections at {Uri.Host}:{Uri.Port}: {ex.Message}");
            }
        }
    }
}
