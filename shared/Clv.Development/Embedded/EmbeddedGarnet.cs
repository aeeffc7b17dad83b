using System.Net;
using System.Net.Sockets;
using Garnet;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clv.Development.Embedded;

/// <summary>
/// A Redis-compatible store (Microsoft Garnet) inside this process, on a free loopback port, with Lua
/// enabled because the workers' per-customer updates are Lua scripts. Nothing is persisted.
/// </summary>
public sealed class EmbeddedGarnet : IDisposable
{
    private readonly GarnetServer _server;

    private EmbeddedGarnet(GarnetServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    /// <summary>StackExchange.Redis configuration string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static EmbeddedGarnet Start()
    {
        var port = FreeLoopbackPort();
        // Garnet writes a banner straight to the console; hold it back so it does not tear the live view.
        var console = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            var server = new GarnetServer(
                ["--port", port.ToString(), "--lua", "true", "--bind", "127.0.0.1"], NullLoggerFactory.Instance);
            server.Start();
            return new EmbeddedGarnet(server, port);
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    public void Dispose() => _server.Dispose();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
