using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeAI.Inference.Models;
using EdgeAI.Cli.Input;
using EdgeAI.Services.Map;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai map info [map.db] [--json] [--cache DIR]</c>: name, attribution, counts (nodes, edges, banned turns,
/// signals, POIs per kind), bounding box, and the SQLite library (version, R*Tree). Without a file: the demo region,
/// built from the cache into <c>&lt;cache&gt;/sumo-adlershof/adlershof.map.db</c> when missing or older than its sources.
/// </summary>
public sealed class MapInfoCommand : Command
{
    /// <summary>The demo region's store, in its cache folder.</summary>
    public const string DemoStoreName = "adlershof.map.db";

    private readonly Argument<string?> _file = new("MAP") { Description = "a map store (default: the demo region, Berlin-Adlershof)", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> _json = new("--json") { Description = "one JSON object" };
    private readonly Option<string?> _cache = new("--cache") { Description = "the model cache (default: EDGEAI_MODELS or ~/.cache/edgeai/models)" };

    public MapInfoCommand() : base("info", "What a map store holds (default: the demo region, built from the model cache when needed)")
    {
        Arguments.Add(_file);
        Options.Add(_json);
        Options.Add(_cache);
        SetAction(parse => CommandGuard.Run(parse, (stdout, _) => Execute(parse, stdout)));
    }

    private int Execute(ParseResult parse, TextWriter stdout)
    {
        string path = parse.GetValue(_file) ?? EnsureDemoStore(parse.GetValue(_cache) ?? ModelCache.DefaultRoot);
        using var store = MapStore.Open(path);
        var map = store.Load();
        var points = map.Graph.Nodes.Select(n => n.Position).Concat(map.Pois.Select(p => p.Position)).ToList();
        double minLat = points.Count == 0 ? 0 : points.Min(p => p.Lat), maxLat = points.Count == 0 ? 0 : points.Max(p => p.Lat);
        double minLon = points.Count == 0 ? 0 : points.Min(p => p.Lon), maxLon = points.Count == 0 ? 0 : points.Max(p => p.Lon);
        long size = new FileInfo(path).Length;
        if (parse.GetValue(_json))
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("file", path);
                json.WriteString("name", map.Name);
                json.WriteString("attribution", map.Attribution);
                json.WriteNumber("nodes", map.Graph.Nodes.Count);
                json.WriteNumber("edges", map.Graph.Edges.Count);
                json.WriteNumber("bannedTurns", map.Graph.BannedTurnCount);
                json.WriteNumber("signals", map.Signals.Count);
                json.WriteStartObject("pois");
                foreach (var kind in Enum.GetValues<PoiKind>()) json.WriteNumber(kind.ToString().ToLowerInvariant(), map.Pois.Count(p => p.Kind == kind));
                json.WriteEndObject();
                json.WriteNumber("generatedPois", map.Pois.Count(p => p.Generated));
                json.WriteStartArray("bbox");
                foreach (var v in new[] { minLat, minLon, maxLat, maxLon }) json.WriteNumberValue(v);
                json.WriteEndArray();
                json.WriteNumber("bytes", size);
                json.WriteNumber("formatVersion", MapStore.FormatVersion);
                json.WriteString("sqliteVersion", MapStore.SqliteVersion);
                json.WriteBoolean("rtree", MapStore.HasRtree);
                json.WriteEndObject();
            }
            stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            return ExitCodes.Ok;
        }
        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine($"file:         {path} ({size / 1024} KiB, format {MapStore.FormatVersion})");
        stdout.WriteLine($"name:         {map.Name}");
        stdout.WriteLine($"attribution:  {map.Attribution}");
        stdout.WriteLine($"nodes:        {map.Graph.Nodes.Count}");
        stdout.WriteLine($"edges:        {map.Graph.Edges.Count}");
        stdout.WriteLine($"banned turns: {map.Graph.BannedTurnCount}");
        stdout.WriteLine($"signals:      {map.Signals.Count}");
        stdout.WriteLine($"POIs:         {string.Join(", ", Enum.GetValues<PoiKind>().Select(k => $"{k.ToString().ToLowerInvariant()} {map.Pois.Count(p => p.Kind == k)}"))} ({map.Pois.Count(p => p.Generated)} generated)");
        stdout.WriteLine(string.Create(inv, $"bbox:         {minLat:F6},{minLon:F6} .. {maxLat:F6},{maxLon:F6}"));
        stdout.WriteLine($"sqlite:       {MapStore.SqliteVersion}, R*Tree {(MapStore.HasRtree ? "yes" : "no")}");
        return ExitCodes.Ok;
    }

    /// <summary>The demo region's store, (re)built from the cache's sumo-adlershof files when missing or older than them.</summary>
    /// <exception cref="MapFormatException">the region's files are not in the cache (names <c>edgeai models fetch sumo-adlershof</c>).</exception>
    public static string EnsureDemoStore(string cacheRoot)
    {
        string folder = DemoRegionMap.Folder(cacheRoot);
        string store = Path.Combine(folder, DemoStoreName);
        var sources = new[] { DemoRegionMap.NetworkFile, DemoRegionMap.LandmarkFile }.Select(f => Path.Combine(folder, f)).ToList();
        foreach (var s in sources)
            if (!File.Exists(s)) throw new MapFormatException(s, 0, "missing (fetch the demo region: edgeai models fetch sumo-adlershof)");
        // The generated POIs (chargers, restaurants, car parks) ship with edgeai; the streets come from the cache.
        string generated = Assets.Require(Path.Combine(Assets.Models, "maps", "adlershof", "pois.json"), "the demo region's generated POIs");
        sources.Add(generated);
        if (!File.Exists(store) || sources.Any(s => File.GetLastWriteTimeUtc(s) > File.GetLastWriteTimeUtc(store)) || !Readable(store))
            MapStore.Write(DemoRegionMap.Build(folder, PoiFile.Read(generated).Pois), store);
        return store;
    }

    // The demo store is derived data in the cache: one an older edgeai wrote, or a damaged one, is rebuilt, not refused.
    private static bool Readable(string store)
    {
        try
        {
            using var _ = MapStore.Open(store);
            return true;
        }
        catch (MapFormatException)
        {
            return false;
        }
    }
}
