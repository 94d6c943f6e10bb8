using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EdgeAI.Services.Map;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai map import FILE.osm|.osm.pbf|.geojson|.net.xml --out map.db</c>: reads a region and writes it as a map
/// store (atomically: on any error nothing is left at <c>--out</c>).
/// </summary>
public sealed class MapImportCommand : Command
{
    /// <summary>The attribution of a region imported from a SUMO network (built by netconvert from OSM).</summary>
    public const string SumoAttribution = "© OpenStreetMap contributors (ODbL); network by Eclipse SUMO (EPL-2.0)";

    private readonly Argument<string> _file = new("FILE") { Description = "the region: .osm (OSM XML), .osm.pbf, .geojson, .net.xml (SUMO network)" };
    private readonly Option<string> _out = new("--out") { Description = "the map store to write (e.g. region.map.db)", Required = true };

    public MapImportCommand() : base("import", "Import a region into a map store (SQLite with R*Tree indexes)")
    {
        Arguments.Add(_file);
        Options.Add(_out);
        SetAction(parse => CommandGuard.Run(parse, (stdout, _) => Execute(parse, stdout)));
    }

    private int Execute(ParseResult parse, TextWriter stdout)
    {
        string file = parse.GetValue(_file)!, output = parse.GetValue(_out)!;
        var clock = Stopwatch.StartNew();
        var map = Read(file);
        MapStore.Write(map, output);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{output}: {map.Name}: {map.Graph.Nodes.Count} nodes, {map.Graph.Edges.Count} edges, {map.Graph.BannedTurnCount} banned turns, {map.Signals.Count} signals, {map.Pois.Count} POIs ({clock.Elapsed.TotalSeconds:F2} s)"));
        return ExitCodes.Ok;
    }

    /// <summary>Reads a region file by its extension.</summary>
    /// <exception cref="MapFormatException">a missing file, an unknown extension or malformed content; the message names the file.</exception>
    public static RegionMap Read(string file)
    {
        if (file.EndsWith(".net.xml", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(file)) throw new MapFormatException(file, 0, "no such file (expected a SUMO network .net.xml)");
            var (graph, signals) = SumoNetReader.Read(file);
            string name = Path.GetFileName(file)[..^".net.xml".Length];
            return new RegionMap(name, SumoAttribution, graph, signals, []);
        }
        if (!(file.EndsWith(".osm", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".pbf", StringComparison.OrdinalIgnoreCase)
              || file.EndsWith(".geojson", StringComparison.OrdinalIgnoreCase)))
            throw new MapFormatException(file, 0, "unknown extension (expected .osm, .osm.pbf, .geojson or .net.xml)");
        return OsmImporter.Import(file);
    }
}
