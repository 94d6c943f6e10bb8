using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using EdgeAI.TestKit;

namespace EdgeAI.Deploy.Tests;

/// <summary>
/// deploy/edgeai.service checked offline (systemd is not PID 1 here), and its <c>ExecStart=</c> (<c>edgeai run</c>, with
/// the unit's environment) run with a fake NOTIFY_SOCKET as systemd would run it under Type=notify; <c>edgeai can dump</c>,
/// a notify-speaking capture service of its own, likewise.
/// </summary>
[Trait("Category", "Deploy")]
public sealed partial class ServiceUnitTests(ITestOutputHelper output)
{
    private static string Unit => RepoPaths.Get("deploy", "edgeai.service");

    [Fact]
    public void Verify_PassesOnTheInstalledUnit()
    {
        Assert.SkipWhen(ExternalTool.MissingProgramReason("systemd-analyze", "systemd") is not null, ExternalTool.MissingProgramReason("systemd-analyze", "systemd") ?? "");
        using var dir = new TempDirectory();
        string unit = Installed(dir);

        var (code, stdout, stderr) = ExternalTool.RunRaw("systemd-analyze", ["verify", "--man=no", unit]);

        Assert.True(code == 0 && stderr.Trim().Length == 0, $"systemd-analyze verify: exit {code}: {stderr}{stdout}");
    }

    [Fact]
    public void Verify_RefusesAUnitWithATypo()
    {
        Assert.SkipWhen(ExternalTool.MissingProgramReason("systemd-analyze", "systemd") is not null, ExternalTool.MissingProgramReason("systemd-analyze", "systemd") ?? "");
        using var dir = new TempDirectory();
        string unit = Installed(dir);
        File.WriteAllText(unit, File.ReadAllText(unit).Replace("Type=notify", "Type=notfy"));

        var (code, stdout, stderr) = ExternalTool.RunRaw("systemd-analyze", ["verify", "--man=no", unit]);

        Assert.True(code != 0 || stderr.Contains("notfy"), "a broken unit must not verify: the check above would prove nothing");
    }

    [Fact]
    public void Security_OfflineExposure_IsBelowThree()
    {
        Assert.SkipWhen(ExternalTool.MissingProgramReason("systemd-analyze", "systemd") is not null, ExternalTool.MissingProgramReason("systemd-analyze", "systemd") ?? "");
        using var dir = new TempDirectory();
        string unit = Installed(dir);

        var (code, stdout, stderr) = ExternalTool.RunRaw("systemd-analyze", ["security", "--offline=yes", "--no-pager", unit]);

        var match = ExposureLine().Match(stdout);
        Assert.True(match.Success, $"no exposure line (exit {code}): {stderr}{stdout}");
        double exposure = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        output.WriteLine($"systemd-analyze security --offline=yes: {exposure:F1} {match.Groups[2].Value}");
        Assert.True(exposure < 3.0, $"exposure {exposure} (goal < 3.0):\n{stdout}");
        Assert.Equal("OK", match.Groups[2].Value);
    }

    [Fact]
    public void Unit_HasTheContractTheIssueAsksFor()
    {
        string text = File.ReadAllText(Unit);
        foreach (var line in new[]
                 {
                     "Type=notify", "Restart=on-failure", "StartLimitBurst=", "User=edgeai", "SupplementaryGroups=video audio gpio",
                     "ProtectSystem=strict", "ProtectHome=yes", "NoNewPrivileges=yes", "PrivateTmp=yes", "ReadWritePaths=",
                     "RestrictAddressFamilies=AF_UNIX AF_CAN AF_NETLINK AF_INET AF_INET6", "ExecStart=/opt/edgeai/current/edgeai ",
                 })
            Assert.Contains(line, text);
        Assert.Matches(@"(?m)^WatchdogSec=\d+s$", text);
    }

    [Fact]
    public async Task ExecStart_WithTheUnitsEnvironmentUnderFakeNotifySocket_SendsReadyWatchdogAndStoppingAndKeepsState()
    {
        using var dir = new TempDirectory();
        string socketPath = dir.File("notify");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        string unit = File.ReadAllText(Unit);
        string stateDir = dir.File("var-lib-edgeai");
        Directory.CreateDirectory(stateDir);

        // ExecStart= with the built CLI for the bundle's executable, and every Environment= of the unit with the state
        // folder moved into the test's folder.
        string exec = Regex.Match(unit, @"(?m)^ExecStart=/opt/edgeai/current/edgeai (.*)$").Groups[1].Value.Trim();
        Assert.Equal("run", exec);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(BuiltCli);
        foreach (var a in exec.Split(' ')) info.ArgumentList.Add(a);
        foreach (Match m in Regex.Matches(unit, @"(?m)^Environment=(\w+)=(.*)$"))
            info.Environment[m.Groups[1].Value] = m.Groups[2].Value.Replace("/var/lib/edgeai", stateDir, StringComparison.Ordinal);
        info.Environment.Remove("EDGEAI_MODELS");   // the test machine's model cache, not the board's
        info.Environment["NOTIFY_SOCKET"] = socketPath;
        info.Environment["WATCHDOG_USEC"] = "2000000";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            var messages = ReceiveUntil(listener, m => m.Count(x => x == "WATCHDOG=1") >= 2);
            Assert.StartsWith("READY=1\nSTATUS=healthy", messages[0]);
            ExternalTool.Run("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            ReceiveUntil(listener, m => m.Contains("STOPPING=1"));
            Assert.True(process.WaitForExit(30_000), "the host did not stop on SIGTERM");
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stderr}");
            Assert.True(File.Exists(Path.Combine(stateDir, "state.db")), "no state in the unit's StateDirectory");
            Assert.True(File.Exists(Path.Combine(stateDir, "events.jsonl")), "no events file where the unit's environment puts it");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Notifications until <paramref name="done"/> holds (30 s each at most).</summary>
    private static List<string> ReceiveUntil(Socket listener, Func<List<string>, bool> done)
    {
        var messages = new List<string>();
        listener.ReceiveTimeout = 30_000;
        var buffer = new byte[4096];
        while (!done(messages))
        {
            int n;
            try { n = listener.Receive(buffer); }
            catch (SocketException e) { throw new TimeoutException($"after {string.Join(" | ", messages)}: {e.Message}"); }
            messages.Add(Encoding.UTF8.GetString(buffer, 0, n));
        }
        return messages;
    }

    [Fact]
    public void CanDump_UnderFakeNotifySocket_SendsReadyWatchdogAndStopping()
    {
        using var dir = new TempDirectory();
        string socketPath = dir.File("notify");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        string capture = dir.File("capture/can.log");
        Directory.CreateDirectory(Path.GetDirectoryName(capture)!);

        // What ExecStart runs, against the simulated car instead of can0, with the variables systemd sets.
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[BuiltCli, "can", "dump", "sim:speed=5", "--out", capture, "--rotate-size", "64M"]) info.ArgumentList.Add(a);
        info.Environment["NOTIFY_SOCKET"] = socketPath;
        info.Environment["WATCHDOG_USEC"] = "2000000";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            var messages = new List<string>();
            listener.ReceiveTimeout = 30_000;
            var buffer = new byte[4096];
            // READY=1 first, then at least two watchdog pings (one a period apart proves the loop keeps pinging).
            while (messages.Count(m => m == "WATCHDOG=1") < 2)
            {
                int n;
                try { n = listener.Receive(buffer); }
                catch (SocketException e) { throw new TimeoutException($"after {string.Join(" | ", messages)}: {e.Message}"); }
                messages.Add(Encoding.UTF8.GetString(buffer, 0, n));
            }
            Assert.StartsWith("READY=1\nSTATUS=capturing sim", messages[0]);
            Assert.True(File.Exists(capture), "READY=1 came before the capture file existed");

            ExternalTool.Run("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            string last;
            do
            {
                int n = listener.Receive(buffer);
                last = Encoding.UTF8.GetString(buffer, 0, n);
            } while (last == "WATCHDOG=1");
            Assert.Equal("STOPPING=1", last);
            Assert.True(process.WaitForExit(30_000), "the capture did not stop on SIGTERM");
            Assert.Equal(0, process.ExitCode);
            Assert.True(new FileInfo(capture).Length > 0, "the capture is empty");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    // The unit as tools/flash.sh installs it, its ExecStart pointing at a real executable (verify checks that it exists).
    private static string Installed(TempDirectory dir)
    {
        string current = Path.Combine(dir.Path, "opt", "edgeai", "current");
        Directory.CreateDirectory(current);
        File.Copy("/bin/true", Path.Combine(current, "edgeai"));
        string unit = dir.File("edgeai.service");
        File.WriteAllText(unit, File.ReadAllText(Unit).Replace("/opt/edgeai/current", current));
        return unit;
    }

    /// <summary>The CLI as the solution build left it (same configuration as this test assembly).</summary>
    internal static string BuiltCli
    {
        get
        {
            string configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
            string dll = RepoPaths.Get("tools", "EdgeAI.Cli", "bin", configuration, "net10.0", "edgeai.dll");
            if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build the solution first (./test.sh does)");
            return dll;
        }
    }

    [GeneratedRegex(@"Overall exposure level for \S+: (\d+\.\d+) (\w+)")]
    private static partial Regex ExposureLine();
}
