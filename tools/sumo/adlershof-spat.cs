#:project ../../runtime/EdgeAI.Services/EdgeAI.Services.csproj
// Writes the bundled Adlershof drive's SPaT/MAP feed (models/scenarios/adlershof-drive/spat.jsonl.gz and map.json) from
// SUMO's record of its lights (sumo/tls-states.xml.gz, written by tools/sumo/adlershof-drive.sh), without SUMO.
// Usage, from the repository root: dotnet run tools/sumo/adlershof-spat.cs [SCENARIO_FOLDER]
// Needs the demo region in the model cache (./edgeai models fetch sumo-adlershof). BundledFeedTests checks that the
// committed files are byte for byte what this makes.
using System.Globalization;
using System.Xml;
using EdgeAI.Services.Map;
using EdgeAI.Services.TrafficLights;

const double SumoToLogOffsetS = -100; // log = SUMO - 120 s (the ego departs) + 20 s (DriveGen's lead-in)
const int Seed = 2026;
var folder = args.Length > 0 ? args[0] : Path.Combine("models", "scenarios", "adlershof-drive");
var cache = Environment.GetEnvironmentVariable("EDGEAI_MODELS") is { Length: > 0 } env ? env
    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edgeai", "models");
var net = Path.Combine(cache, "sumo-adlershof", "osm.net.xml");
if (!File.Exists(net)) { Console.Error.WriteLine($"adlershof-spat: {net} is missing; run: ./edgeai models fetch sumo-adlershof"); return 2; }

// the last second SUMO's trace holds the ego car
double end = 0, time = 0;
using (var fcd = XmlReader.Create(Path.Combine(folder, "sumo", "fcd.xml")))
    while (fcd.Read())
    {
        if (fcd.NodeType != XmlNodeType.Element) continue;
        if (fcd.Name == "timestep") time = double.Parse(fcd.GetAttribute("time")!, CultureInfo.InvariantCulture);
        else if (fcd.Name == "vehicle") end = time;
    }

var (graph, signals) = SumoNetReader.Read(net);
// the whole record before the drive (from SUMO's 0 s) as history, to 30 s after the ego arrives
var feed = SpatFeed.FromSumoStates(graph, signals, Path.Combine(folder, "sumo", "tls-states.xml.gz"),
    SumoToLogOffsetS, fromLogS: SumoToLogOffsetS, toLogS: end + SumoToLogOffsetS + 30, seed: Seed);
feed.Write(folder, $"generated from sumo/tls-states.xml.gz by SpatFeedBuilder.FromSumoStates (seed {Seed})", compress: true);
Console.WriteLine($"{SpatFeed.SpatPath(folder)}: {feed.Messages.Count} messages of {feed.Map.Intersections.Count} intersections, {feed.Messages[0].T:F1}..{feed.Messages[^1].T:F1} s");
return 0;
