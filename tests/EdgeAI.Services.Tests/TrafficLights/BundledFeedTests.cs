using System.Globalization;
using System.Xml.Linq;
using EdgeAI.Services.TrafficLights;
using EdgeAI.TestKit;

namespace EdgeAI.Services.Tests.TrafficLights;

/// <summary>
/// The bundled scenario's spat.jsonl.gz and map.json are what <see cref="SpatFeed.FromSumoStates"/> makes of its
/// SUMO record. Regenerate with <c>dotnet run tools/sumo/adlershof-spat.cs</c> (no test framework), or with
/// <c>EDGEAI_REGENERATE_SPAT=1 dotnet test --project tests/EdgeAI.Services.Tests -- --filter-class *BundledFeedTests</c>.
/// </summary>
public sealed class BundledFeedTests(ITestOutputHelper output)
{
    /// <summary>Scenario clock = SUMO clock - 120 s (the ego departs) + 20 s (DriveGen's lead-in).</summary>
    public const double SumoToScenarioOffsetS = -100;

    private static string Folder => RepoPaths.Get("models", "scenarios", "adlershof-drive");

    internal static SpatFeed Build()
    {
        var end = XDocument.Load(Path.Combine(Folder, "sumo", "fcd.xml")).Descendants("timestep")
            .Where(ts => ts.Elements("vehicle").Any()).Max(ts => double.Parse(ts.Attribute("time")!.Value, CultureInfo.InvariantCulture));
        // all the history SUMO recorded before the drive (from SUMO's 0 s, scenario -100 s), to 30 s after its end;
        // tools/sumo/adlershof-spat.cs makes the same call
        return SpatFeed.FromSumoStates(DemoRegion.Graph, DemoRegion.Signals, Path.Combine(Folder, "sumo", "tls-states.xml.gz"),
            SumoToScenarioOffsetS, fromLogS: SumoToScenarioOffsetS, toLogS: end + SumoToScenarioOffsetS + 30, seed: 2026);
    }

    [Fact]
    public void BundledFeed_RebuiltFromTheSumoRecord_EqualsTheCommittedFiles()
    {
        var feed = Build();
        using var dir = new TempDirectory();
        feed.Write(dir.Path, "generated from sumo/tls-states.xml.gz by SpatFeedBuilder.FromSumoStates (seed 2026)", compress: true);
        if (Environment.GetEnvironmentVariable("EDGEAI_REGENERATE_SPAT") == "1")
        {
            File.Copy(Path.Combine(dir.Path, SpatFeed.CompressedSpatFileName), Path.Combine(Folder, SpatFeed.CompressedSpatFileName), true);
            File.Copy(Path.Combine(dir.Path, SpatFeed.MapFileName), Path.Combine(Folder, SpatFeed.MapFileName), true);
        }
        foreach (var name in new[] { SpatFeed.CompressedSpatFileName, SpatFeed.MapFileName })
        {
            var committed = Path.Combine(Folder, name);
            output.WriteLine($"{name}: {new FileInfo(committed).Length} bytes");
            Assert.True(new FileInfo(committed).Length < 3_000_000);
            Assert.True(File.ReadAllBytes(Path.Combine(dir.Path, name)).AsSpan().SequenceEqual(File.ReadAllBytes(committed)), $"{name} differs from what the builder makes; regenerate (see the class summary)");
        }
        output.WriteLine($"{feed.Map.Intersections.Count} intersections, {feed.Messages.Count} messages, t {feed.Messages[0].T}..{feed.Messages[^1].T}");
    }
}
