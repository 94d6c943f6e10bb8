using System.Globalization;
using System.Text.Json;
using System.Xml;
using EdgeAI.Services.Geo;

namespace EdgeAI.Services.Map;

/// <summary>
/// Imports a user's own region from OpenStreetMap data: <c>.osm</c> (OSM XML, as the editors and the API export it),
/// <c>.osm.pbf</c> (as extracts are published; <see cref="OsmPbfReader"/>) or <c>.geojson</c> (LineStrings with a
/// <c>highway</c> property as roads, Points as POIs and signals). What is drivable, how one-way, speed limits, turn
/// restrictions, signals and POIs are read is in docs/map.md.
/// </summary>
public static class OsmImporter
{
    /// <summary>The attribution of every OSM-derived map.</summary>
    public const string Attribution = "© OpenStreetMap contributors (ODbL)";

    /// <summary>Imports <paramref name="path"/> by its extension (.osm, .osm.pbf, .geojson); the region is named after the file.</summary>
    /// <exception cref="MapFormatException">unknown extension, a missing file, or malformed content (with its line or byte offset).</exception>
    public static RegionMap Import(string path)
    {
        string lower = path.ToLowerInvariant();
        if (lower.EndsWith(".pbf", StringComparison.Ordinal))
        {
            if (!File.Exists(path)) throw new MapFormatException(path, 0, "no such file (expected OSM PBF)");
            using var pbf = File.OpenRead(path);
            string region = Path.GetFileName(path);
            region = region[..region.IndexOf('.')];
            OsmData data;
            try { data = OsmPbfReader.Read(pbf, path); }
            catch (MapFormatException e) when (e.Path.Length == 0) { throw new MapFormatException(path, 0, e.Message.TrimStart(':', ' ')); }
            return OsmGraphBuilder.Build(data, region, Attribution);
        }
        bool osm = lower.EndsWith(".osm", StringComparison.Ordinal), geojson = lower.EndsWith(".geojson", StringComparison.Ordinal);
        if (!osm && !geojson) throw new MapFormatException(path, 0, "unknown extension (expected .osm, .osm.pbf or .geojson)");
        if (!File.Exists(path)) throw new MapFormatException(path, 0, $"no such file (expected {(osm ? "OSM XML" : "GeoJSON")})");
        using var stream = File.OpenRead(path);
        string name = Path.GetFileName(path);
        name = name[..name.LastIndexOf('.')];
        return osm ? ReadOsmXml(stream, path, name) : ReadGeoJson(stream, path, name);
    }

    /// <summary>Imports OSM XML (<c>&lt;osm&gt;</c> with node, way and relation elements).</summary>
    /// <param name="stream">The XML.</param>
    /// <param name="source">The file name for messages.</param>
    /// <param name="regionName">The region's name.</param>
    /// <exception cref="MapFormatException">malformed XML or an element without its required attributes (with the line).</exception>
    public static RegionMap ReadOsmXml(Stream stream, string source, string regionName)
    {
        var osm = new OsmData();
        using var xml = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, IgnoreWhitespace = true });
        var info = (IXmlLineInfo)xml;
        bool sawRoot = false;
        Dictionary<string, string>? tags = null;
        OsmWay? way = null;
        OsmRelation? relation = null;
        long nodeId = 0;
        try
        {
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.EndElement)
                {
                    if (xml.LocalName == "node" && tags is { Count: > 0 }) osm.NodeTags[nodeId] = tags;
                    if (xml.LocalName is "node" or "way" or "relation") { tags = null; way = null; relation = null; }
                    continue;
                }
                if (xml.NodeType != XmlNodeType.Element) continue;
                int line = info.LineNumber;
                switch (xml.LocalName)
                {
                    case "osm": sawRoot = true; break;
                    case "node":
                        nodeId = Id(xml, "id", source, line);
                        osm.Nodes[nodeId] = new GeoPoint(Number(xml, "lat", source, line), Number(xml, "lon", source, line));
                        tags = [];
                        if (xml.IsEmptyElement) tags = null;
                        break;
                    case "way":
                        tags = [];
                        way = new OsmWay(Id(xml, "id", source, line), [], tags);
                        osm.Ways.Add(way);
                        if (xml.IsEmptyElement) { tags = null; way = null; }
                        break;
                    case "relation":
                        tags = [];
                        relation = new OsmRelation(Id(xml, "id", source, line), [], tags);
                        osm.Relations.Add(relation);
                        if (xml.IsEmptyElement) { tags = null; relation = null; }
                        break;
                    case "nd" when way is not null:
                        way.Refs.Add(Id(xml, "ref", source, line));
                        break;
                    case "member" when relation is not null:
                        relation.Members.Add(new OsmMember(xml.GetAttribute("type") ?? "", Id(xml, "ref", source, line), xml.GetAttribute("role") ?? ""));
                        break;
                    case "tag" when tags is not null:
                        tags[xml.GetAttribute("k") ?? throw new MapFormatException(source, line, "expected k on <tag>")] = xml.GetAttribute("v") ?? "";
                        break;
                }
            }
        }
        catch (XmlException e)
        {
            throw new MapFormatException(source, e.LineNumber, $"expected OSM XML: {e.Message}");
        }
        if (!sawRoot) throw new MapFormatException(source, 0, "expected OSM XML (an <osm> root element)");
        return OsmGraphBuilder.Build(osm, regionName, Attribution);
    }

    /// <summary>
    /// Imports GeoJSON: a FeatureCollection whose LineString (and MultiLineString) features with a <c>highway</c> property
    /// are roads (points with equal coordinates join), and whose Point features are POIs (<c>amenity</c>) or signals
    /// (<c>highway=traffic_signals</c>). Properties are read as OSM tags.
    /// </summary>
    /// <exception cref="MapFormatException">malformed JSON or geometry (with the line where known).</exception>
    public static RegionMap ReadGeoJson(Stream stream, string source, string regionName)
    {
        var osm = new OsmData();
        var ids = new Dictionary<(double, double), long>();
        long NodeAt(JsonElement coordinate)
        {
            if (coordinate.ValueKind != JsonValueKind.Array || coordinate.GetArrayLength() < 2)
                throw new MapFormatException(source, 0, "expected a position [lon, lat]");
            double lon = coordinate[0].GetDouble(), lat = coordinate[1].GetDouble();
            if (!ids.TryGetValue((lat, lon), out long id))
            {
                id = ids.Count + 1;
                ids[(lat, lon)] = id;
                osm.Nodes[id] = new GeoPoint(lat, lon);
            }
            return id;
        }
        try
        {
            using var doc = JsonDocument.Parse(stream);
            if (!doc.RootElement.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                throw new MapFormatException(source, 0, "expected a GeoJSON FeatureCollection with a features array");
            long wayId = 0;
            foreach (var f in features.EnumerateArray())
            {
                if (!f.TryGetProperty("geometry", out var g) || g.ValueKind != JsonValueKind.Object) continue;
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                if (f.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
                    foreach (var p in props.EnumerateObject())
                        tags[p.Name] = p.Value.ValueKind switch
                        {
                            JsonValueKind.String => p.Value.GetString()!,
                            JsonValueKind.Number => p.Value.GetRawText(),
                            JsonValueKind.True => "yes",
                            JsonValueKind.False => "no",
                            _ => "",
                        };
                string type = g.GetProperty("type").GetString() ?? "";
                var coords = g.GetProperty("coordinates");
                switch (type)
                {
                    case "Point":
                        long n = NodeAt(coords);
                        if (tags.Count > 0) osm.NodeTags[n] = tags;
                        break;
                    case "LineString":
                        osm.Ways.Add(new OsmWay(++wayId, [.. coords.EnumerateArray().Select(NodeAt)], tags));
                        break;
                    case "MultiLineString":
                        foreach (var part in coords.EnumerateArray()) osm.Ways.Add(new OsmWay(++wayId, [.. part.EnumerateArray().Select(NodeAt)], tags));
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            throw new MapFormatException(source, (int)(e.LineNumber ?? -1) + 1, $"expected GeoJSON: {e.Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new MapFormatException(source, 0, $"expected GeoJSON geometry with type and coordinates: {e.Message}");
        }
        return OsmGraphBuilder.Build(osm, regionName, Attribution);
    }

    private static long Id(XmlReader xml, string attribute, string source, int line) =>
        long.TryParse(xml.GetAttribute(attribute), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v
            : throw new MapFormatException(source, line, $"expected an integer {attribute} on <{xml.LocalName}>");

    private static double Number(XmlReader xml, string attribute, string source, int line) =>
        double.TryParse(xml.GetAttribute(attribute), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
            : throw new MapFormatException(source, line, $"expected a number {attribute} on <{xml.LocalName}>");
}
