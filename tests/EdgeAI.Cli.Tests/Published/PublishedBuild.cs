using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Published;

/// <summary>
/// The CLI as users install it: `dotnet publish` (Native AOT, what ./edgeai and the bundles run) into a fresh temporary
/// folder, once for every test of the collection. After ./test.sh has built the native executable this publish is
/// incremental and takes seconds.
/// </summary>
public sealed class PublishedBuild : IDisposable
{
    private readonly TempDirectory _folder = new();

    public PublishedBuild()
    {
        string rid = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        Folder = _folder.File("edgeai");
        ExternalTool.Run("dotnet",
            ["publish", RepoPaths.Get("tools", "EdgeAI.Cli", "EdgeAI.Cli.csproj"), "-c", "Release", "-r", rid, "-o", Folder, "-nologo", "-v", "quiet"],
            // Native AOT takes 3-4 minutes alone on 2 cores, twice that beside the other test projects' processes.
            TimeSpan.FromMinutes(15));
        Executable = Path.Combine(Folder, "edgeai");
        WorkingDirectory = _folder.File("elsewhere");
        Directory.CreateDirectory(WorkingDirectory);
    }

    /// <summary>The publish folder.</summary>
    public string Folder { get; }

    /// <summary>The native edgeai in it.</summary>
    public string Executable { get; }

    /// <summary>An empty folder outside both the checkout and the publish folder, to run from.</summary>
    public string WorkingDirectory { get; }

    /// <summary>A scratch file path beside the working directory.</summary>
    public string Scratch(string name) => _folder.File(name);

    /// <summary>Runs the published edgeai from <see cref="WorkingDirectory"/> without EDGEAI_ASSETS.</summary>
    public (int ExitCode, string StdOut, string StdErr) Run(params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = WorkingDirectory,
        };
        info.Environment.Remove("EDGEAI_ASSETS");
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("edgeai " + string.Join(' ', args) + " did not finish in time");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose() => _folder.Dispose();
}
