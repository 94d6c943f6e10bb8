using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Run;

/// <summary>
/// <c>edgeai run</c> as a real process, as systemd starts it: a fake NOTIFY_SOCKET (a unix datagram socket the test
/// binds) collects READY, STATUS, WATCHDOG and STOPPING with the time each came; stdout and stderr are collected.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly Socket? _notify;
    private readonly List<(TimeSpan At, string Message)> _messages = [];
    private readonly StringBuilder _stdout = new(), _stderr = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _out, _err;

    public HostProcess(TempDirectory dir, IEnumerable<string> args, TimeSpan? watchdog = null, bool notify = true)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgeai.dll"));
        info.ArgumentList.Add("run");
        foreach (var a in args) info.ArgumentList.Add(a);
        if (notify)
        {
            string path = dir.File("notify-" + Guid.NewGuid().ToString("N")[..6]);
            _notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            _notify.Bind(new UnixDomainSocketEndPoint(path));
            info.Environment["NOTIFY_SOCKET"] = path;
            if (watchdog is { } w) info.Environment["WATCHDOG_USEC"] = ((long)w.TotalMicroseconds).ToString(CultureInfo.InvariantCulture);
            _ = Task.Run(Listen);
        }
        _process = Process.Start(info)!;
        _out = Pump(_process.StandardOutput, _stdout);
        _err = Pump(_process.StandardError, _stderr);
    }

    public int Id => _process.Id;

    /// <summary>Time since the process started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public IReadOnlyList<(TimeSpan At, string Message)> Messages
    {
        get { lock (_messages) return [.. _messages]; }
    }

    public string StdOut { get { lock (_stdout) return _stdout.ToString(); } }

    public string StdErr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Waits for a notification starting with <paramref name="prefix"/>.</summary>
    public async Task<(TimeSpan At, string Message)> WaitFor(string prefix, TimeSpan patience)
    {
        var deadline = _clock.Elapsed + patience;
        while (_clock.Elapsed < deadline)
        {
            var found = Messages.FirstOrDefault(m => m.Message.StartsWith(prefix, StringComparison.Ordinal));
            if (found.Message is not null) return found;
            if (_process.HasExited)
            {
                // The last datagrams may still be on their way.
                await Task.Delay(300);
                found = Messages.FirstOrDefault(m => m.Message.StartsWith(prefix, StringComparison.Ordinal));
                if (found.Message is not null) return found;
                Assert.Fail($"edgeai run exited ({_process.ExitCode}) before '{prefix}': {StdErr}");
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"no '{prefix}' within {patience.TotalSeconds:0} s; got: {string.Join(" | ", Messages.Select(m => m.Message))}; stderr: {StdErr}");
    }

    public void Signal(string signal) => ExternalTool.Run("kill", [$"-{signal}", Id.ToString(CultureInfo.InvariantCulture)]);

    /// <summary>Waits for the exit and the end of its output; the exit code.</summary>
    public async Task<int> WaitForExit(TimeSpan patience)
    {
        using var limit = new CancellationTokenSource(patience);
        try { await _process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"edgeai run did not exit within {patience.TotalSeconds:0} s; stderr: {StdErr}"); }
        await Task.WhenAll(_out, _err);
        return _process.ExitCode;
    }

    private void Listen()
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                int n = _notify!.Receive(buffer);
                lock (_messages) _messages.Add((_clock.Elapsed, Encoding.UTF8.GetString(buffer, 0, n)));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Disposed.
        }
    }

    private static Task Pump(StreamReader reader, StringBuilder into) => Task.Run(async () =>
    {
        while (await reader.ReadLineAsync() is { } line)
            lock (into) into.AppendLine(line);
    });

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        _notify?.Dispose();
    }
}
