using System.Net;
using System.Net.Sockets;

namespace Clv.TestInfrastructure;

/// <summary>
/// Whether a Docker engine answers, so fixtures can prefer Testcontainers. Probed once per
/// process with a short timeout: a missing engine must cost milliseconds, never a hang.
/// </summary>
public static class DockerEngine
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    private static readonly Lazy<bool> Probe = new(Ping);

    public static bool Answers => Probe.Value;

    private static bool Ping()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        EndPoint endPoint;
        if (string.IsNullOrEmpty(host))
        {
            const string defaultSocket = "/var/run/docker.sock";
            if (!File.Exists(defaultSocket))
            {
                return false;
            }
            endPoint = new UnixDomainSocketEndPoint(defaultSocket);
        }
        else if (host.StartsWith("unix://", StringComparison.Ordinal))
        {
            endPoint = new UnixDomainSocketEndPoint(host["unix://".Length..]);
        }
        else if (Uri.TryCreate(host, UriKind.Absolute, out var uri) && uri.Scheme == "tcp")
        {
            endPoint = new DnsEndPoint(uri.Host, uri.Port);
        }
        else
        {
            return false; // npipe:// and friends: let Testcontainers' own discovery be skipped rather than guess
        }

        try
        {
            using var cts = new CancellationTokenSource(ProbeTimeout);
            var protocol = endPoint is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp;
            using var socket = new Socket(endPoint.AddressFamily == AddressFamily.Unspecified ? AddressFamily.InterNetwork : endPoint.AddressFamily, SocketType.Stream, protocol);
            socket.ConnectAsync(endPoint, cts.Token).AsTask().GetAwaiter().GetResult();
            socket.Send("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8);
            var buffer = new byte[64];
            var read = socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token).AsTask().GetAwaiter().GetResult();
            // "HTTP/1.x 200" is the engine saying it is up; anything else (or nothing) is not.
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
