using EdgeAI.Services.Map;

namespace EdgeAI.Services.Tests;

/// <summary>
/// The demo region's source files (Berlin-Adlershof from Debian's sumo-tools), as <c>edgeai models fetch</c> puts them
/// into the model cache: <c>&lt;cache&gt;/sumo-adlershof/</c>. Tests that need them skip with what to run when absent.
/// </summary>
internal static class DemoRegion
{
    private static readonly Lazy<(RoadGraph, IReadOnlyList<TrafficSignal>)> Net = new(() => SumoNetReader.Read(File("osm.net.xml")));

    /// <summary>The cache folder holding the region's files.</summary>
    public static string Folder => Path.Combine(
        Environment.GetEnvironmentVariable("EDGEAI_MODELS") is { Length: > 0 } env ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edgeai", "models"),
        "sumo-adlershof");

    /// <summary>The path of one of the region's files; skips the test when it is not in the cache.</summary>
    public static string File(string name)
    {
        var path = Path.Combine(Folder, name);
        if (!System.IO.File.Exists(path)) Assert.Skip($"{path} is missing: run ./test.sh (or edgeai models fetch sumo-adlershof)");
        return path;
    }

    /// <summary>The region's road graph (read once per test run).</summary>
    public static RoadGraph Graph { get { File("osm.net.xml"); return Net.Value.Item1; } }

    /// <summary>The region's traffic lights.</summary>
    public static IReadOnlyList<TrafficSignal> Signals { get { File("osm.net.xml"); return Net.Value.Item2; } }

    /// <summary>The whole demo region (network, signals, landmarks), built once per test run.</summary>
    public static RegionMap Map { get { File("osm.net.xml"); File("drt.pois.xml"); return Region.Value; } }

    private static readonly Lazy<RegionMap> Region = new(() => DemoRegionMap.Build(Folder));
}
