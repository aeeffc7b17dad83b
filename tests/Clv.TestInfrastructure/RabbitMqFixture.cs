using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Testcontainers.RabbitMq;
using Xunit.Abstractions;

namespace Clv.TestInfrastructure;

/// <summary>
/// A real RabbitMQ for a test collection: <c>CLV_TEST_RABBITMQ</c> (an amqp:// URI), else a
/// Testcontainers RabbitMQ when Docker answers, else a rabbitmq-server node started here with its
/// own ports, node name and directories (deleted afterwards), no plugins; it answers in about 4 s
/// on an idle machine.
/// </summary>
public sealed class RabbitMqFixture(IMessageSink sink) : InfrastructureFixture(sink, "RabbitMQ", EnvironmentVariable)
{
    public const string EnvironmentVariable = "CLV_TEST_RABBITMQ";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private string? _directory;

    /// <summary>amqp:// URI with credentials, for AddClvBus (RabbitMq:Uri) or a ConnectionFactory.</summary>
    public Uri Uri { get; private set; } = new("amqp://localhost");

    private static bool IsRoot => Environment.UserName == "root";

    protected override string UseConfigured(string address)
    {
        Uri = new Uri(address);
        return $"{EnvironmentVariable}={Uri.Scheme}://{Uri.Host}:{Uri.Port}{Uri.AbsolutePath}";
    }

    protected override async Task<string> StartContainerAsync()
    {
        var container = await Run(new RabbitMqBuilder("rabbitmq:3.13").Build());
        Uri = new Uri(container.GetConnectionString());
        return $"Testcontainers rabbitmq:3.13 at {Uri.Host}:{Uri.Port}";
    }

    protected override string StartLocal()
    {
        var executable = LocateServer() ?? throw Missing("rabbitmq-server");
        var port = FreeTcpPort.Next();
        var node = $"clvtest{Guid.NewGuid():N}"[..20] + "@localhost";
        _directory = Directory.CreateTempSubdirectory("clv-rabbitmq-").FullName;
        var plugins = Path.Combine(_directory, "enabled_plugins");
        File.WriteAllText(plugins, string.Empty);
        var environment = new Dictionary<string, string>
        {
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(),
            ["RABBITMQ_DIST_PORT"] = FreeTcpPort.Next().ToString(),
            ["RABBITMQ_NODENAME"] = node,
            ["RABBITMQ_MNESIA_BASE"] = Directory.CreateDirectory(Path.Combine(_directory, "mnesia")).FullName,
            ["RABBITMQ_LOG_BASE"] = Directory.CreateDirectory(Path.Combine(_directory, "log")).FullName,
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins,
        };
        GiveToRabbitMqUser(_directory);

        var server = Launch(executable, [], environment);
        // guest/guest is allowed from loopback only, which is where this node listens.
        Uri = new Uri($"amqp://guest:guest@127.0.0.1:{port}/");
        return $"local rabbitmq-server node {node} (pid {server.Id}) at 127.0.0.1:{port}";
    }

    // The broker opens its AMQP listener last in its boot, so a successful AMQP connection means ready.
    protected override async Task WaitUntilReadyAsync()
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
            catch (BrokerUnreachableException) when (MayRetry(deadline))
            {
                await Task.Delay(200);
            }
            catch (BrokerUnreachableException ex) when (LocalServer is not null)
            {
                throw LocalServer.Failure($"rabbitmq-server did not accept AMQP connections at {Uri.Host}:{Uri.Port}: {ex.Message}");
            }
        }
    }

    protected override Task ReleaseAsync()
    {
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
        return Task.CompletedTask;
    }

    // Debian's /usr/sbin/rabbitmq-server wrapper accepts only root (and drops to the rabbitmq user) or
    // rabbitmq itself; any other user runs the release's own script directly, as itself.
    private static string? LocateServer()
    {
        const string debianReleaseScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
        return !IsRoot && File.Exists(debianReleaseScript) ? debianReleaseScript : LocalServerProcess.Locate("rabbitmq-server");
    }

    // Started by root, the Debian wrapper re-runs rabbitmq-server as the rabbitmq user, which must
    // own its directories. For any other user the files already belong to whoever runs the node.
    private static void GiveToRabbitMqUser(string directory)
    {
        if (!IsRoot)
        {
            return;
        }
        using var chown = Process.Start("chown", ["-R", "rabbitmq:rabbitmq", directory]);
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown -R rabbitmq:rabbitmq {directory} failed with {chown.ExitCode}");
        }
    }
}
