using System.Diagnostics;
using EdgeAI.TestKit;

namespace EdgeAI.Deploy.Tests;

/// <summary>Runs the arm64 bundle on this x64 machine with qemu-user and the Debian arm64 cross sysroot.</summary>
internal static class Qemu
{
    public const string Sysroot = "/usr/aarch64-linux-gnu";

    /// <summary>qemu-aarch64-static or qemu-aarch64, whichever is installed; null when neither is.</summary>
    public static string? Program { get; } = new[] { "/usr/bin/qemu-aarch64-static", "/usr/bin/qemu-aarch64" }.FirstOrDefault(File.Exists);

    /// <summary>Null when an arm64 executable can run here; otherwise why not.</summary>
    public static string? MissingReason =>
        Program is null ? "qemu-user is not installed (apt-get install qemu-user-static; ./test.sh does)"
        : !File.Exists(Path.Combine(Sysroot, "lib", "ld-linux-aarch64.so.1")) ? $"{Sysroot} is missing (apt-get install libc6-arm64-cross libstdc++6-arm64-cross)"
        : !File.Exists("/usr/lib/aarch64-linux-gnu/libssl.so.3") ? "arm64 OpenSSL is missing (dpkg --add-architecture arm64; apt-get install libssl3:arm64; ./test.sh does): .NET's hashing needs it"
        : null;

    /// <summary>Runs the arm64 executable with arguments under qemu; the wall time and whether it ran out of time come back.</summary>
    public static (int ExitCode, string StdOut, string StdErr, TimeSpan Elapsed, bool TimedOut) Run(string executable, IEnumerable<string> args, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var clock = Stopwatch.StartNew();
        using var process = Start(executable, args, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        bool done = process.WaitForExit(timeout);
        if (!done) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return (done ? process.ExitCode : -1, stdout.Result, stderr.Result, clock.Elapsed, !done);
    }

    /// <summary>Starts the arm64 executable under qemu with its output redirected (a server the test talks to).</summary>
    public static Process Start(string executable, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(Program!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath() };
        // -L finds the cross sysroot's loader; LD_LIBRARY_PATH keeps its glibc ahead of a multiarch libc6:arm64 (which
        // libssl3:arm64 brings): a loader of one glibc build with the libc of another hangs .NET at start.
        foreach (var a in (string[])["-L", Sysroot, "-E", "LD_LIBRARY_PATH=" + Sysroot + "/lib", executable, .. args]) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // The runtime writes JIT code through a second, writable mapping of the executable pages (W^X). User-mode qemu
        // only sees writes through the mapping it translated from, so it kept running stale translations: random
        // segfaults and corrupted objects (a Dictionary lookup out of bounds in a single-threaded demo) under load, and
        // chat died with SIGSEGV every time. With W^X off the JIT writes in place and qemu notices. A board keeps W^X on.
        info.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        if (environment is not null) foreach (var (k, v) in environment) info.Environment[k] = v;
        return Process.Start(info)!;
    }
}
