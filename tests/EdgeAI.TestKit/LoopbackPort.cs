using System.Net;
using System.Net.Sockets;

namespace EdgeAI.TestKit;

/// <summary>Loopback ports for servers a test starts (gpsd, sshd, a collector).</summary>
public static class LoopbackPort
{
    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (the kernel's pick).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
