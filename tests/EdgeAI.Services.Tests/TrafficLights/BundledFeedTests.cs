using System.Globalization;
using System.Xml.Linq;
using EdgeAI.Services.Geo;
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

    internal static SpatFeed Build(bool laneEndStopLines = true)
    {
        var end = XDocument.Load(Path.Combine(Folder, "sumo", "fcd.xml")).Descendants("timestep")
            .Where(ts => ts.Elements("vehicle").Any()).Max(ts => double.Parse(ts.Attribute("time")!.Value, CultureInfo.InvariantCulture));
        // all the history SUMO recorded before the drive (from SUMO's 0 s, scenario -100 s), to 30 s after its end;
        // tools/sumo/adlershof-spat.cs makes the same call
        var signals = laneEndStopLines ? DemoRegion.Signals
            : DemoRegion.Signals.Select(t => t with { Links = t.Links.Select(l => l with { StopLine = null }).ToList() }).ToList();
        return SpatFeed.FromSumoStates(DemoRegion.Graph, signals, Path.Combine(Folder, "sumo", "tls-states.xml.gz"),
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

    [Fact]
    public void LaneEndStopLines_AtTheEgosStopsOnSignalledApproaches_GiveSumosDistanceToTheLine()
    {
        // SUMO's truth: the ego stands PosM along its lane, whose end is the stop line. The MAP's distance comes from the
        // approach shape's end: within 3 m of the truth with lane-end stop lines; the edge's end overstated it by up to 15 m.
        var graph = DemoRegion.Graph;
        var laneEnd = new SignalAheadFinder(Build(laneEndStopLines: true).Map);
        var edgeEnd = new SignalAheadFinder(Build(laneEndStopLines: false).Map);
        int checkedStops = 0;
        foreach (var stop in EgoTrace.Stops())
        {
            var sample = EgoTrace.Samples[stop.First];
            if (sample.Internal || stop.DurationS > 120) continue;
            var edge = graph.Edges.FirstOrDefault(e => e.Id == sample.Edge);
            var heading = edge is null ? 0 : GeoPoint.BearingDeg(edge.Shape[^2], edge.Shape[^1]);
            var now = laneEnd.Find(sample.Position, heading);
            if (edge is null || now is null || now.Approach.Edge != sample.Edge) continue;
            double truth = edge.LengthM - sample.PosM;
            var before = edgeEnd.Find(sample.Position, heading)!;
            output.WriteLine($"stop at {stop.FromS} s on {sample.Edge}: SUMO {truth:F1} m, lane-end MAP {now.DistanceToStopLineM:F1} m, edge-end MAP {before.DistanceToStopLineM:F1} m");
            Assert.InRange(now.DistanceToStopLineM - truth, -3, 3);
            checkedStops++;
        }
        Assert.True(checkedStops >= 4, $"{checkedStops} stops on signalled approaches");
    }
}
