using System.Net.Sockets;
using System.Text;
using EdgeAI.Host.Systemd;
using EdgeAI.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Host.Tests.Systemd;

/// <summary>sd_notify against a fake NOTIFY_SOCKET: a unix datagram socket bound where systemd would listen.</summary>
public sealed class SystemdNotifierTests
{
    [Fact]
    public void Ready_OnPathSocket_SendsReadyAndStatus()
    {
        using var dir = new TempDirectory();
        using var listener = Bind(dir.File("notify"));
        using var notifier = new SystemdNotifier(dir.File("notify"), null);

        notifier.Ready("capturing can0");

        Assert.Equal("READY=1\nSTATUS=capturing can0", Receive(listener));
    }

    [Fact]
    public void Ready_OnAbstractSocket_ReachesTheListener()
    {
        string name = "edgeai-test-" + Guid.NewGuid().ToString("N")[..12];
        using var listener = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint("\0" + name));
        using var notifier = new SystemdNotifier("@" + name, null);

        notifier.Ready();

        Assert.Equal("READY=1", Receive(listener));
    }

    [Fact]
    public void PingWatchdogIfDue_PingsAtHalfThePeriod()
    {
        using var dir = new TempDirectory();
        using var listener = Bind(dir.File("notify"));
        var time = new FakeTimeProvider();
        using var notifier = new SystemdNotifier(dir.File("notify"), TimeSpan.FromSeconds(30), time);

        Assert.True(notifier.PingWatchdogIfDue());
        Assert.Equal("WATCHDOG=1", Receive(listener));
        time.Advance(TimeSpan.FromSeconds(14));
        Assert.False(notifier.PingWatchdogIfDue());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(notifier.PingWatchdogIfDue());
        Assert.Equal("WATCHDOG=1", Receive(listener));
    }

    [Fact]
    public void WithoutNotifySocket_EverythingIsANoOp()
    {
        using var notifier = new SystemdNotifier(null, TimeSpan.FromSeconds(10));
        Assert.False(notifier.IsEnabled);
        notifier.Ready();
        Assert.False(notifier.PingWatchdogIfDue());
    }

    [Theory]
    [InlineData("30000000", null, 30.0)]
    [InlineData("30000000", "4242", 30.0)]
    [InlineData("30000000", "1", null)]
    [InlineData("0", null, null)]
    [InlineData(null, null, null)]
    [InlineData("x", null, null)]
    public void WatchdogFromEnvironment_FollowsSdWatchdogEnabled(string? usec, string? pid, double? seconds)
    {
        Assert.Equal(seconds is null ? null : TimeSpan.FromSeconds(seconds.Value), SystemdNotifier.WatchdogFromEnvironment(usec, pid, 4242));
    }

    [Fact]
    public void RelativeNotifySocket_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new SystemdNotifier("run/notify", null));
    }

    private static Socket Bind(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.ReceiveTimeout = 5000;
        return socket;
    }

    private static string Receive(Socket socket)
    {
        var buffer = new byte[4096];
        int n = socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }
}
