using System.Text.Json;
using EdgeAI.Services.Geo;

namespace EdgeAI.Services.TrafficLights;

/// <summary>
/// Reads and writes a MAP file (<c>map.json</c>, docs/traffic-lights.md, docs/schemas/map.schema.json):
/// one intersection per line inside the "intersections" array, so that errors can name the line.
/// </summary>
public static class SignalMapFile
{
    /// <summary>The format version this code reads and writes.</summary>
    public const int Version = 1;

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="SpatFormatException">the file is not a MAP (names file, line or JSON path, and what was expected).</exception>
    public static SignalMap Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses MAP text; <paramref name="name"/> is used in errors.</summary>
    public static SignalMap Parse(string text, string name)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException e) { throw new SpatFormatException(name, (int)(e.LineNumber ?? -1) + 1, "expected JSON: " + e.Message); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new SpatFormatException(name, 1, "expected a JSON object");
            if (!root.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.Number || v.GetDouble() != Version)
                throw new SpatFormatException(name, 0, $"version: expected {Version}");
            if (!root.TryGetProperty("intersections", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new SpatFormatException(name, 0, "intersections: expected an array");
            var intersections = new List<SignalIntersection>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var i = 0;
            foreach (var x in list.EnumerateArray())
            {
                // the writer puts intersection i on line i + 3
                var line = LineOf(text, i);
                var at = $"intersections[{i}]";
                var id = String(x, "id", name, line, at);
                if (!ids.Add(id)) throw new SpatFormatException(name, line, $"{at}.id: expected a unique id, \"{id}\" repeats");
                var position = Point(x, "position", name, line, at);
                if (!x.TryGetProperty("approaches", out var approaches) || approaches.ValueKind != JsonValueKind.Array)
                    throw new SpatFormatException(name, line, $"{at}.approaches: expected an array");
                var list2 = new List<SignalApproach>();
                var j = 0;
                foreach (var a in approaches.EnumerateArray())
                {
                    var aat = $"{at}.approaches[{j++}]";
                    var edge = String(a, "edge", name, line, aat);
                    if (!a.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array || shape.GetArrayLength() < 2)
                        throw new SpatFormatException(name, line, $"{aat}.shape: expected at least two [lat, lon] points ending at the stop line");
                    var points = new List<GeoPoint>();
                    foreach (var p in shape.EnumerateArray()) points.Add(LatLon(p, name, line, $"{aat}.shape"));
                    var bearing = Number(a, "bearingDeg", name, line, aat);
                    var limit = Number(a, "speedLimitMps", name, line, aat);
                    if (!a.TryGetProperty("maneuvers", out var mans) || mans.ValueKind != JsonValueKind.Array)
                        throw new SpatFormatException(name, line, $"{aat}.maneuvers: expected an array");
                    var maneuvers = new List<SignalManeuver>();
                    var k = 0;
                    foreach (var m in mans.EnumerateArray())
                    {
                        var mat = $"{aat}.maneuvers[{k++}]";
                        var to = String(m, "toEdge", name, line, mat);
                        var dir = String(m, "direction", name, line, mat);
                        if (dir.Length != 1 || !"slrtLR".Contains(dir[0])) throw new SpatFormatException(name, line, $"{mat}.direction: expected one of s l r t L R");
                        if (!m.TryGetProperty("signalGroup", out var sg) || !sg.TryGetInt32(out var group) || group is < 1 or > 255)
                            throw new SpatFormatException(name, line, $"{mat}.signalGroup: expected an integer 1..255");
                        maneuvers.Add(new SignalManeuver(to, dir[0], group));
                    }
                    list2.Add(new SignalApproach(edge, points, bearing, limit, maneuvers));
                }
                intersections.Add(new SignalIntersection(id, position, list2));
                i++;
            }
            return new SignalMap(intersections);
        }
    }

    /// <summary>Writes <paramref name="map"/> to <paramref name="path"/>, one intersection per line; coordinates to 1e-6°.
    /// <paramref name="source"/> says where the MAP comes from; <paramref name="schemaRef"/> is written as "$schema" when given.</summary>
    public static void Write(string path, SignalMap map, string? source = null, string? schemaRef = null)
    {
        using var file = File.Create(path);
        var nl = "\n"u8.ToArray();
        using var json = new Utf8JsonWriter(file);
        var header = new MemoryStream();
        using (var w = new Utf8JsonWriter(header))
        {
            w.WriteStartObject();
            if (schemaRef is not null) w.WriteString("$schema", schemaRef);
            w.WriteNumber("version", Version);
            if (source is not null) w.WriteString("source", source);
            w.WriteEndObject();
        }
        var headerBytes = header.ToArray();
        file.Write(headerBytes, 0, headerBytes.Length - 1);
        file.Write(",\n\"intersections\":["u8);
        for (var i = 0; i < map.Intersections.Count; i++)
        {
            file.Write(nl);
            json.Reset(file);
            WriteIntersection(json, map.Intersections[i]);
            json.Flush();
            if (i < map.Intersections.Count - 1) file.Write(","u8);
        }
        file.Write("\n]}\n"u8);
    }

    private static void WriteIntersection(Utf8JsonWriter json, SignalIntersection x)
    {
        json.WriteStartObject();
        json.WriteString("id", x.Id);
        json.WritePropertyName("position");
        WritePoint(json, x.Position);
        json.WriteStartArray("approaches");
        foreach (var a in x.Approaches)
        {
            json.WriteStartObject();
            json.WriteString("edge", a.Edge);
            json.WriteStartArray("shape");
            foreach (var p in a.Shape) WritePoint(json, p);
            json.WriteEndArray();
            json.WriteNumber("bearingDeg", Math.Round(a.BearingDeg, 1));
            json.WriteNumber("speedLimitMps", Math.Round(a.SpeedLimitMps, 2));
            json.WriteStartArray("maneuvers");
            foreach (var m in a.Maneuvers)
            {
                json.WriteStartObject();
                json.WriteString("toEdge", m.ToEdge);
                json.WriteString("direction", m.Direction.ToString());
                json.WriteNumber("signalGroup", m.SignalGroup);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WritePoint(Utf8JsonWriter json, GeoPoint p)
    {
        json.WriteStartArray();
        json.WriteNumberValue(Math.Round(p.Lat, 6));
        json.WriteNumberValue(Math.Round(p.Lon, 6));
        json.WriteEndArray();
    }

    private static int LineOf(string text, int intersection)
    {
        // line of the (intersection+1)-th line that starts with '{' after the header line; 0 when the layout differs
        var line = 1;
        var seen = -1;
        for (var p = 0; p < text.Length; p++)
        {
            if (text[p] != '\n') continue;
            line++;
            if (p + 1 < text.Length && text[p + 1] == '{' && ++seen == intersection) return line;
        }
        return 0;
    }

    private static string String(JsonElement e, string field, string name, int line, string at)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(field, out var v) || v.ValueKind != JsonValueKind.String || v.GetString()!.Length == 0)
            throw new SpatFormatException(name, line, $"{at}.{field}: expected a non-empty string");
        return v.GetString()!;
    }

    private static double Number(JsonElement e, string field, string name, int line, string at)
    {
        if (!e.TryGetProperty(field, out var v) || v.ValueKind != JsonValueKind.Number)
            throw new SpatFormatException(name, line, $"{at}.{field}: expected a number");
        return v.GetDouble();
    }

    private static GeoPoint Point(JsonElement e, string field, string name, int line, string at)
    {
        if (!e.TryGetProperty(field, out var v)) throw new SpatFormatException(name, line, $"{at}.{field}: expected [lat, lon]");
        return LatLon(v, name, line, $"{at}.{field}");
    }

    private static GeoPoint LatLon(JsonElement v, string name, int line, string at)
    {
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 2 || v[0].ValueKind != JsonValueKind.Number || v[1].ValueKind != JsonValueKind.Number)
            throw new SpatFormatException(name, line, $"{at}: expected [lat, lon] in degrees");
        var lat = v[0].GetDouble();
        var lon = v[1].GetDouble();
        if (lat is < -90 or > 90 || lon is < -180 or > 180) throw new SpatFormatException(name, line, $"{at}: expected lat in -90..90 and lon in -180..180, got [{lat}, {lon}]");
        return new GeoPoint(lat, lon);
    }
}
