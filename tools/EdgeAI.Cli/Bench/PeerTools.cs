using System.Diagnostics;
using System.Text.Json;

namespace EdgeAI.Cli.Bench;

/// <summary>Runs the peers EdgeAI is measured against (python-can, canmatrix, can-utils) and reads their timings.</summary>
internal static class PeerTools
{
    /// <summary>Debian's interpreter, which sees python3-can and python3-canmatrix.</summary>
    public const string DebianPython = "/usr/bin/python3";

    /// <summary>tools/peers beside the models folder of a checkout.</summary>
    public static string ScriptsFolder => Path.GetFullPath(Path.Combine(Input.Assets.Models, "..", "tools", "peers"));

    /// <summary>Runs a peer script and parses the JSON object it prints; null with a reason when it cannot run.</summary>
    public static JsonElement? RunScript(string script, IEnumerable<string> args, out string? problem)
    {
        string path = Path.Combine(ScriptsFolder, script);
        if (!File.Exists(DebianPython)) { problem = $"{DebianPython} missing"; return null; }
        if (!File.Exists(path)) { problem = $"{path} missing"; return null; }
        var (code, stdout, stderr) = Run(DebianPython, [path, .. args]);
        if (code != 0)
        {
            problem = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? $"exit {code}";
            return null;
        }
        problem = null;
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    /// <summary>
    /// How to start this very edgeai as a process: the native executable when it is one (a published build),
    /// else <c>dotnet edgeai.dll</c>.
    /// </summary>
    public static (string Program, string[] Prefix) Self
    {
        get
        {
            string process = Environment.ProcessPath ?? "dotnet";
            return Path.GetFileNameWithoutExtension(process) == "dotnet"
                ? (process, [Path.Combine(AppContext.BaseDirectory, "edgeai.dll")])
                : (process, []);
        }
    }

    /// <summary>Null when <paramref name="program"/> is on the PATH; otherwise why not, naming the Debian package to install.</summary>
    public static string? Missing(string program, string debianPackage)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, program))) return null;
        return $"{program} is not installed (apt-get install {debianPackage})";
    }

    /// <summary>Median wall seconds of <paramref name="runs"/> fresh processes; null when the program is missing or fails.</summary>
    public static double? MedianProgram(string program, IReadOnlyList<string> args, int runs, out string? problem)
    {
        var seconds = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            double? one = TimeProgram(program, args, 1, out problem);
            if (one is null) return null;
            seconds[i] = one.Value;
        }
        Array.Sort(seconds);
        problem = null;
        return runs % 2 == 1 ? seconds[runs / 2] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;
    }

    /// <summary>Wall seconds a program takes (best of <paramref name="repeat"/>); null when it is missing or fails.</summary>
    public static double? TimeProgram(string program, IReadOnlyList<string> args, int repeat, out string? problem)
    {
        double? best = null;
        problem = null;
        for (int i = 0; i < repeat; i++)
        {
            var watch = Stopwatch.StartNew();
            int code;
            try { code = Run(program, args).ExitCode; }
            catch (System.ComponentModel.Win32Exception) { problem = $"{program} not installed"; return null; }
            watch.Stop();
            if (code != 0) { problem = $"{program} exited {code}"; return null; }
            best = Math.Min(best ?? double.MaxValue, watch.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static (int ExitCode, string StdOut, string StdErr) Run(string program, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
