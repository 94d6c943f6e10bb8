using System.Diagnostics;

namespace EdgeAI.TestKit;

/// <summary>Runs a peer tool (python-can, can-utils, canmatrix) and says plainly when it is missing.</summary>
public static class ExternalTool
{
    /// <summary>Debian's interpreter: the python3 first on PATH may not see apt-installed modules.</summary>
    public const string DebianPython = "/usr/bin/python3";

    private static readonly Lazy<string?> PythonCanMissing = new(() => ProbePython("import can", "python3-can"));
    private static readonly Lazy<string?> CanmatrixMissing = new(() => ProbePython("import canmatrix", "python3-canmatrix"));
    private static readonly Lazy<string?> JsonSchemaMissing = new(() => ProbePython("import jsonschema", "python3-jsonschema"));

    /// <summary>Null when python-jsonschema (an independent JSON Schema validator) is importable; otherwise why not.</summary>
    public static string? JsonSchemaMissingReason => JsonSchemaMissing.Value;

    /// <summary>Null when python-can is importable by Debian's python; otherwise why not.</summary>
    public static string? PythonCanMissingReason => PythonCanMissing.Value;

    /// <summary>Null when canmatrix is importable by Debian's python; otherwise why not.</summary>
    public static string? CanmatrixMissingReason => CanmatrixMissing.Value;

    /// <summary>Null when <paramref name="program"/> is on PATH; otherwise why not.</summary>
    public static string? MissingProgramReason(string program, string debianPackage)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, program))) return null;
        return $"{program} is not installed (apt-get install {debianPackage}; ./test.sh does this)";
    }

    /// <summary>Runs a Python script with Debian's python3; throws with its stderr when it fails.</summary>
    public static string RunPython(string script, params string[] args) => Run(DebianPython, ["-c", script, .. args]);

    /// <summary>Runs a program, returns its stdout; throws with stderr on a non-zero exit.</summary>
    public static string Run(string program, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var result = RunRaw(program, args, timeout);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{program} exited {result.ExitCode}: {result.StdErr}");
        return result.StdOut;
    }

    /// <summary>Runs a program (in <paramref name="workingDirectory"/> when given) and returns everything it said.</summary>
    public static (int ExitCode, string StdOut, string StdErr) RunRaw(string program, IEnumerable<string> args, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in time");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? ProbePython(string import, string package)
    {
        if (!File.Exists(DebianPython)) return $"{DebianPython} is missing";
        var (code, _, _) = RunRaw(DebianPython, ["-c", import]);
        return code == 0 ? null : $"{package} is not installed for {DebianPython} (apt-get install {package}; ./test.sh does this)";
    }
}
