using System.Security.Cryptography;
using System.Text;
using EdgeAI.TestKit;

namespace EdgeAI.Deploy.Tests;

/// <summary>
/// <c>tools/publish.sh jetson</c> (cpu flavor), made once into a cache folder outside the checkout and reused while no
/// source is newer than it: a publish costs about two minutes on two cores.
/// </summary>
public sealed class JetsonBundle
{
    private static readonly string[] SourceRoots = ["runtime", "drivers", "tools/EdgeAI.Cli", "tools/EdgeAI.TestModels", "models", "build", "deploy"];

    public JetsonBundle()
    {
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(RepoPaths.Root)))[..12].ToLowerInvariant();
        Folder = Path.Combine(Path.GetTempPath(), "edgeai-deploy-cache", key, "jetson-cpu");
        string stamp = Path.Combine(Folder, "VERSION");
        if (File.Exists(stamp) && File.GetLastWriteTimeUtc(stamp) > NewestSource()) return;
        var (code, stdout, stderr) = ExternalTool.RunRaw(RepoPaths.Get("tools", "publish.sh"), ["jetson", "--out", Folder], TimeSpan.FromMinutes(8));
        if (code != 0) throw new InvalidOperationException($"tools/publish.sh jetson failed ({code}): {stderr}{stdout}");
    }

    /// <summary>The bundle folder (outside the checkout).</summary>
    public string Folder { get; }

    /// <summary>The bundle's arm64 edgeai executable.</summary>
    public string Executable => Path.Combine(Folder, "edgeai");

    /// <summary>VERSION as key → value.</summary>
    public IReadOnlyDictionary<string, string> Version() =>
        File.ReadAllLines(Path.Combine(Folder, "VERSION")).Where(l => l.Contains('='))
            .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);

    private static DateTime NewestSource()
    {
        var newest = File.GetLastWriteTimeUtc(RepoPaths.Get("tools", "publish.sh"));
        foreach (var props in Directory.EnumerateFiles(RepoPaths.Root, "Directory.*.props"))
            if (File.GetLastWriteTimeUtc(props) > newest) newest = File.GetLastWriteTimeUtc(props);
        foreach (var root in SourceRoots)
            foreach (var file in Directory.EnumerateFiles(RepoPaths.Get(root), "*", SearchOption.AllDirectories))
            {
                if (file.Contains("/obj/", StringComparison.Ordinal) || file.Contains("/bin/", StringComparison.Ordinal)) continue;
                var t = File.GetLastWriteTimeUtc(file);
                if (t > newest) newest = t;
            }
        return newest;
    }
}

/// <summary>One bundle for every test class that needs it.</summary>
[CollectionDefinition(Name)]
public sealed class JetsonBundleCollection : ICollectionFixture<JetsonBundle>
{
    public const string Name = "jetson bundle";
}
