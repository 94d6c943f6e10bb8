using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace EdgeAI.Host.Systemd;

/// <summary>
/// sd_notify(3) without libsystemd: datagrams such as <c>READY=1</c>, <c>WATCHDOG=1</c> and <c>STOPPING=1</c> to the
/// unix socket systemd names in <c>NOTIFY_SOCKET</c> (a path, or <c>@name</c> for the abstract namespace). Outside a
/// <c>Type=notify</c> unit the variable is unset and every call does nothing, so services can call it unconditionally.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _endPoint;
    private readonly TimeProvider _time;
    private long _lastPing;

    /// <summary>A notifier for <paramref name="notifySocket"/> (null: not under systemd) and the watchdog period.</summary>
    public SystemdNotifier(string? notifySocket, TimeSpan? watchdogInterval, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        WatchdogInterval = watchdogInterval;
        if (string.IsNullOrEmpty(notifySocket)) return;
        if (notifySocket[0] != '/' && notifySocket[0] != '@')
            throw new ArgumentException($"NOTIFY_SOCKET={notifySocket}: expected an absolute path or @abstract name", nameof(notifySocket));
        // The abstract namespace is spelled with a leading NUL in the address.
        _endPoint = new UnixDomainSocketEndPoint(notifySocket[0] == '@' ? "\0" + notifySocket[1..] : notifySocket);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>A notifier from this process's environment: NOTIFY_SOCKET, and WATCHDOG_USEC when WATCHDOG_PID is ours or unset.</summary>
    public static SystemdNotifier FromEnvironment(TimeProvider? time = null) =>
        new(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"),
            WatchdogFromEnvironment(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), Environment.GetEnvironmentVariable("WATCHDOG_PID"), Environment.ProcessId),
            time);

    /// <summary>Whether systemd is listening (NOTIFY_SOCKET was set).</summary>
    public bool IsEnabled => _socket is not null;

    /// <summary>The watchdog timeout systemd enforces (WatchdogSec=), or null when the watchdog is off.</summary>
    public TimeSpan? WatchdogInterval { get; }

    /// <summary>The watchdog timeout from WATCHDOG_USEC, as sd_watchdog_enabled(3) reads it; null when off or meant for another process.</summary>
    public static TimeSpan? WatchdogFromEnvironment(string? usec, string? pid, int ownPid)
    {
        if (string.IsNullOrEmpty(usec) || !long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out long us) || us <= 0) return null;
        if (!string.IsNullOrEmpty(pid) && (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out int p) || p != ownPid)) return null;
        return TimeSpan.FromMicroseconds(us);
    }

    /// <summary>READY=1 (startup finished) with an optional STATUS= line.</summary>
    public void Ready(string? status = null) => Send(status is null ? "READY=1" : "READY=1\nSTATUS=" + status);

    /// <summary>STOPPING=1: shutdown began.</summary>
    public void Stopping() => Send("STOPPING=1");

    /// <summary>STATUS=text, shown by <c>systemctl status</c>.</summary>
    public void Status(string text) => Send("STATUS=" + text);

    /// <summary>WATCHDOG=1 when half the watchdog period has passed since the last ping (call it from the work loop).</summary>
    public bool PingWatchdogIfDue()
    {
        if (_socket is null || WatchdogInterval is not { } interval) return false;
        long now = _time.GetTimestamp();
        if (_lastPing != 0 && _time.GetElapsedTime(_lastPing, now) < interval / 2) return false;
        _lastPing = now;
        Send("WATCHDOG=1");
        return true;
    }

    /// <summary>Sends one notification datagram (several KEY=VALUE lines may be joined by newlines).</summary>
    public void Send(string state)
    {
        if (_socket is null) return;
        _socket.SendTo(Encoding.UTF8.GetBytes(state), SocketFlags.None, _endPoint!);
    }

    /// <inheritdoc/>
    public void Dispose() => _socket?.Dispose();
}
