using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeAI.Services.Geo;

namespace EdgeAI.Services.Map;

/// <summary>
/// A POI file (<c>pois.json</c>, docs/map-data.md, docs/schemas/pois.schema.json): a header with the region and its
/// attribution, then the POIs, one per line. <see cref="ToJson"/> writes exactly what <see cref="Parse"/> reads, byte for
/// byte, so a generated file can be regenerated and compared.
/// </summary>
public sealed class PoiFile
{
    /// <summary>The value of the <c>format</c> field.</summary>
    public const string Format = "edgeai.pois";

    /// <summary>The only version this reader knows.</summary>
    public const int Version = 1;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A file's content.</summary>
    /// <param name="region">The region's name.</param>
    /// <param name="attribution">Where the data comes from, shown with it.</param>
    /// <param name="generatedBy">The tool and seed that wrote the file, or null for a hand-made one.</param>
    /// <param name="pois">The POIs, in file order.</param>
    public PoiFile(string region, string attribution, string? generatedBy, IReadOnlyList<Poi> pois)
    {
        Region = region;
        Attribution = attribution;
        GeneratedBy = generatedBy;
        Pois = pois;
    }

    /// <summary>The region's name.</summary>
    public string Region { get; }

    /// <summary>Where the data comes from and its licence; every view of the POIs shows it.</summary>
    public string Attribution { get; }

    /// <summary>The tool and seed that wrote the file, or null.</summary>
    public string? GeneratedBy { get; }

    /// <summary>The POIs in file order.</summary>
    public IReadOnlyList<Poi> Pois { get; }

    /// <summary>Reads a POI file.</summary>
    /// <exception cref="MapFormatException">the file is missing or not a valid POI file (file, line and field named).</exception>
    public static PoiFile Read(string path)
    {
        if (!File.Exists(path)) throw new MapFormatException(path, 0, "no such file (expected a POI file, docs/map-data.md)");
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses a POI file's bytes (UTF-8); <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="MapFormatException">not a valid POI file (line and field named).</exception>
    public static PoiFile Parse(ReadOnlySpan<byte> utf8, string name)
    {
        var lines = new LineIndex(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        string? format = null, region = null, attribution = null, generatedBy = null;
        int? version = null;
        List<Poi>? pois = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new MapFormatException(name, 1, "expected a JSON object (a POI file, docs/map-data.md)");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string property = reader.GetString()!;
                int line = lines.LineOf(reader.TokenStartIndex);
                reader.Read();
                switch (property)
                {
                    case "format": format = String(ref reader, name, line, "format"); break;
                    case "version":
                        version = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) ? v
                            : throw new MapFormatException(name, line, "version: expected an integer");
                        if (version != Version) throw new MapFormatException(name, line, $"version: {version} is not known (expected {Version})");
                        break;
                    case "region": region = String(ref reader, name, line, "region"); break;
                    case "attribution": attribution = String(ref reader, name, line, "attribution"); break;
                    case "generated_by": generatedBy = String(ref reader, name, line, "generated_by"); break;
                    case "pois":
                        if (reader.TokenType != JsonTokenType.StartArray) throw new MapFormatException(name, line, "pois: expected an array");
                        pois = [];
                        var ids = new HashSet<string>(StringComparer.Ordinal);
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            int at = lines.LineOf(reader.TokenStartIndex);
                            using var element = JsonDocument.ParseValue(ref reader);
                            var poi = ReadPoi(element.RootElement, name, at, $"pois[{pois.Count}]");
                            if (!ids.Add(poi.Id)) throw new MapFormatException(name, at, $"pois[{pois.Count}].id: \"{poi.Id}\" is used twice (expected unique ids)");
                            pois.Add(poi);
                        }
                        break;
                    default:
                        reader.Skip(); // unknown fields are ignored (docs/map-data.md)
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            throw new MapFormatException(name, (int)(e.LineNumber ?? 0) + 1, $"expected JSON: {FirstSentence(e.Message)}");
        }
        if (format != Format) throw new MapFormatException(name, 1, $"format: expected \"{Format}\"");
        if (version is null) throw new MapFormatException(name, 1, $"version: expected {Version}");
        if (region is null) throw new MapFormatException(name, 1, "region: expected a string");
        if (attribution is null) throw new MapFormatException(name, 1, "attribution: expected a string");
        if (pois is null) throw new MapFormatException(name, 1, "pois: expected an array");
        return new PoiFile(region, attribution, generatedBy, pois);
    }

    /// <summary>The file's text: the header line, one POI per line, and the closing line; UTF-8 without escapes for
    /// non-ASCII letters, numbers in their shortest round-trip form.</summary>
    public string ToJson()
    {
        var text = new StringBuilder();
        text.Append("{\"format\":\"").Append(Format).Append("\",\"version\":").Append(Version.ToString(CultureInfo.InvariantCulture));
        text.Append(",\"region\":").Append(Quote(Region)).Append(",\"attribution\":").Append(Quote(Attribution));
        if (GeneratedBy is not null) text.Append(",\"generated_by\":").Append(Quote(GeneratedBy));
        text.Append(",\"pois\":[\n");
        var buffer = new MemoryStream();
        for (var i = 0; i < Pois.Count; i++)
        {
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer, WriterOptions)) WritePoi(json, Pois[i]);
            text.Append(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)).Append(i + 1 < Pois.Count ? ",\n" : "\n");
        }
        text.Append("]}\n");
        return text.ToString();
    }

    /// <summary>The <c>kind</c> value of a POI kind ("restaurant", "cafe", "parking", "charger", "landmark").</summary>
    public static string KindName(PoiKind kind) => kind switch
    {
        PoiKind.Restaurant => "restaurant",
        PoiKind.Cafe => "cafe",
        PoiKind.Parking => "parking",
        PoiKind.Charger => "charger",
        _ => "landmark",
    };

    /// <summary>Parses a <c>kind</c> value.</summary>
    public static bool TryParseKind(string? text, out PoiKind kind)
    {
        kind = text switch
        {
            "restaurant" => PoiKind.Restaurant,
            "cafe" => PoiKind.Cafe,
            "parking" => PoiKind.Parking,
            "charger" => PoiKind.Charger,
            "landmark" => PoiKind.Landmark,
            _ => (PoiKind)(-1),
        };
        return kind >= 0;
    }

    private static void WritePoi(Utf8JsonWriter json, Poi poi)
    {
        json.WriteStartObject();
        json.WriteString("id", poi.Id);
        json.WriteString("kind", KindName(poi.Kind));
        json.WriteString("name", poi.Name);
        json.WriteNumber("lat", poi.Position.Lat);
        json.WriteNumber("lon", poi.Position.Lon);
        json.WriteBoolean("generated", poi.Generated);
        if (poi.Food is { } f)
        {
            json.WriteStartObject("food");
            json.WriteString("cuisine", f.Cuisine);
            if (f.OpeningHours is null) json.WriteNull("opening_hours"); else json.WriteString("opening_hours", f.OpeningHours);
            json.WriteNumber("price_level", f.PriceLevel);
            if (f.Rating is { } r) json.WriteNumber("rating", r); else json.WriteNull("rating");
            json.WriteEndObject();
        }
        if (poi.Parking is { } p)
        {
            json.WriteStartObject("parking");
            json.WriteNumber("capacity", p.Capacity);
            json.WriteNumber("fee_per_hour_eur", p.FeePerHourEur);
            if (p.DailyMaxEur is { } d) json.WriteNumber("daily_max_eur", d); else json.WriteNull("daily_max_eur");
            json.WriteBoolean("covered", p.Covered);
            if (p.MaxHeightM is { } h) json.WriteNumber("max_height_m", h); else json.WriteNull("max_height_m");
            json.WriteNumber("ev_spaces", p.EvSpaces);
            if (p.OpeningHours is null) json.WriteNull("opening_hours"); else json.WriteString("opening_hours", p.OpeningHours);
            json.WriteEndObject();
        }
        if (poi.Charger is { } c)
        {
            json.WriteStartObject("charger");
            json.WriteNumber("power_kw", c.PowerKw);
            json.WriteStartArray("connectors");
            foreach (var connector in c.Connectors) json.WriteStringValue(connector);
            json.WriteEndArray();
            json.WriteNumber("points", c.Points);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static Poi ReadPoi(JsonElement e, string file, int line, string at)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new MapFormatException(file, line, $"{at}: expected an object");
        string id = Str(e, "id", file, line, at)!;
        if (!TryParseKind(Str(e, "kind", file, line, at), out var kind))
            throw new MapFormatException(file, line, $"{at}.kind: expected restaurant, cafe, parking, charger or landmark");
        string poiName = Str(e, "name", file, line, at)!;
        double lat = Num(e, "lat", file, line, at, -90, 90)!.Value, lon = Num(e, "lon", file, line, at, -180, 180)!.Value;
        bool generated = e.TryGetProperty("generated", out var g) && g.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? g.GetBoolean() : throw new MapFormatException(file, line, $"{at}.generated: expected true or false");
        var poi = new Poi(id, kind, poiName, new GeoPoint(lat, lon), generated);
        string detail = kind switch { PoiKind.Restaurant or PoiKind.Cafe => "food", PoiKind.Parking => "parking", PoiKind.Charger => "charger", _ => "" };
        foreach (var other in (ReadOnlySpan<string>)["food", "parking", "charger"])
            if (other != detail && e.TryGetProperty(other, out _)) throw new MapFormatException(file, line, $"{at}.{other}: not expected on a {KindName(kind)}");
        if (detail.Length == 0) return poi;
        if (!e.TryGetProperty(detail, out var d) || d.ValueKind != JsonValueKind.Object)
            throw new MapFormatException(file, line, $"{at}.{detail}: expected an object");
        at += "." + detail;
        return kind switch
        {
            PoiKind.Parking => poi with
            {
                Parking = new ParkingInfo(
                    Int(d, "capacity", file, line, at, 0), Num(d, "fee_per_hour_eur", file, line, at, 0, 1000)!.Value,
                    Num(d, "daily_max_eur", file, line, at, 0, 10000, optional: true), Bool(d, "covered", file, line, at),
                    Num(d, "max_height_m", file, line, at, 1, 10, optional: true), Int(d, "ev_spaces", file, line, at, 0),
                    Str(d, "opening_hours", file, line, at, optional: true)),
            },
            PoiKind.Charger => poi with
            {
                Charger = new ChargerInfo(Num(d, "power_kw", file, line, at, 0.1, 2000)!.Value, Connectors(d, file, line, at), Int(d, "points", file, line, at, 1)),
            },
            _ => poi with
            {
                Food = new FoodInfo(Str(d, "cuisine", file, line, at)!, Str(d, "opening_hours", file, line, at, optional: true),
                    Int(d, "price_level", file, line, at, 1, 4), Num(d, "rating", file, line, at, 1, 5, optional: true)),
            },
        };
    }

    private static string[] Connectors(JsonElement d, string file, int line, string at)
    {
        if (!d.TryGetProperty("connectors", out var c) || c.ValueKind != JsonValueKind.Array || c.GetArrayLength() == 0)
            throw new MapFormatException(file, line, $"{at}.connectors: expected a non-empty array of strings");
        var result = new string[c.GetArrayLength()];
        var i = 0;
        foreach (var item in c.EnumerateArray())
            result[i++] = item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } s ? s
                : throw new MapFormatException(file, line, $"{at}.connectors[{i - 1}]: expected a connector type string");
        return result;
    }

    private static string? Str(JsonElement e, string field, string file, int line, string at, bool optional = false)
    {
        if (e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s) return s;
        if (optional && (!e.TryGetProperty(field, out v) || v.ValueKind == JsonValueKind.Null)) return null;
        throw new MapFormatException(file, line, $"{at}.{field}: expected a non-empty string{(optional ? " or null" : "")}");
    }

    private static double? Num(JsonElement e, string field, string file, int line, string at, double min, double max, bool optional = false)
    {
        if (e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.GetDouble() is var x && x >= min && x <= max) return x;
        if (optional && (!e.TryGetProperty(field, out v) || v.ValueKind == JsonValueKind.Null)) return null;
        throw new MapFormatException(file, line, string.Create(CultureInfo.InvariantCulture, $"{at}.{field}: expected a number from {min} to {max}{(optional ? " or null" : "")}"));
    }

    private static int Int(JsonElement e, string field, string file, int line, string at, int min, int max = int.MaxValue)
    {
        if (e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var x) && x >= min && x <= max) return x;
        throw new MapFormatException(file, line, $"{at}.{field}: expected an integer from {min}{(max == int.MaxValue ? " on" : $" to {max}")}");
    }

    private static bool Bool(JsonElement e, string field, string file, int line, string at) =>
        e.TryGetProperty(field, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
            : throw new MapFormatException(file, line, $"{at}.{field}: expected true or false");

    private static string String(ref Utf8JsonReader reader, string file, int line, string field) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } s ? s
            : throw new MapFormatException(file, line, $"{field}: expected a non-empty string");

    private static string Quote(string s)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions)) json.WriteStringValue(s);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).ReplaceLineEndings(" ");
    }

    /// <summary>Byte offsets of line starts, to name the line of a token.</summary>
    private readonly struct LineIndex
    {
        private readonly int[] _starts;

        public LineIndex(ReadOnlySpan<byte> text)
        {
            var starts = new List<int> { 0 };
            for (var i = 0; i < text.Length; i++) if (text[i] == (byte)'\n') starts.Add(i + 1);
            _starts = [.. starts];
        }

        public int LineOf(long offset)
        {
            var i = Array.BinarySearch(_starts, (int)offset);
            return (i >= 0 ? i : ~i - 1) + 1;
        }
    }
}
