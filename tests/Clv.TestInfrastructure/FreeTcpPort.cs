using System.Net;
using System.Net.Sockets;

namespace Clv.TestInfrastructure;

/// <summary>A loopback port nobody listens on right now (the OS picks it; a race with other processes is unlikely).</summary>
public static class FreeTcpPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
