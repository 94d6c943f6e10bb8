using System.Diagnostics;

namespace EdgeAI.Hmi.Tests;

/// <summary>
/// axe-core (npm), the accessibility engine the contrast check runs in the page: fetched with <c>npm pack</c> into the
/// cache the first time (scripts/deps.sh does the same), then read from there.
/// </summary>
internal static class AxeCore
{
    public const string Version = "4.14.1";

    public static string Script()
    {
        string folder = Path.Combine(Environment.GetEnvironmentVariable("EDGEAI_NPM_CACHE")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edgeai", "npm"), "axe-core-" + Version);
        string script = Path.Combine(folder, "package", "axe.min.js");
        if (File.Exists(script)) return File.ReadAllText(script);
        Directory.CreateDirectory(folder);
        Run("npm", folder, "pack", $"axe-core@{Version}", "--silent");
        Run("tar", folder, "-xzf", $"axe-core-{Version}.tgz");
        Assert.True(File.Exists(script), $"npm pack axe-core@{Version} gave no {script}");
        return File.ReadAllText(script);
    }

    private static void Run(string tool, string folder, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        string err = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)}: exit {process.ExitCode}: {err}");
    }
}
