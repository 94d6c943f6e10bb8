using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeAI.Cli.Input;
using EdgeAI.Services.Feeds;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.OpeningHours;
using EdgeAI.Services.Parking;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai poi restaurant|parking|charger --near LAT,LON [--open-at HH:MM|YYYY-MM-DDTHH:MM] [--radius M] [--json]</c>:
/// the demo region's POIs of one kind near a point, nearest first (straight-line distance), with their details; with
/// <c>--open-at</c>, only those open then (restaurants for at least 45 minutes more) and, from the demo feeds, free
/// spaces and free charging points at that moment. Generated POIs are marked; the output ends with the attribution.
/// </summary>
public sealed class PoiCommand : Command
{
    /// <summary>The day an <c>--open-at HH:MM</c> falls on: the day of the bundled Adlershof drive and its demo feeds.</summary>
    public static readonly DateOnly DemoDay = new(2026, 6, 12);

    /// <summary>How long a restaurant must stay open after <c>--open-at</c>.</summary>
    public static readonly TimeSpan MinOpen = TimeSpan.FromMinutes(45);

    private readonly Argument<string> _kind = new("KIND") { Description = "restaurant (restaurants and cafés), parking or charger" };
    private readonly Option<string> _near = new("--near") { Description = "the point to search around, LAT,LON in decimal degrees", Required = true };
    private readonly Option<string?> _openAt = new("--open-at") { Description = "local time HH:MM (on 2026-06-12, the demo drive's day) or YYYY-MM-DDTHH:MM: only places open then" };
    private readonly Option<double> _radius = new("--radius") { Description = "search radius in metres (default 1000)", DefaultValueFactory = _ => 1000 };
    private readonly Option<bool> _json = new("--json") { Description = "one JSON object" };

    public PoiCommand() : base("poi", "Restaurants, car parks or chargers near a point in the demo region (Berlin-Adlershof)")
    {
        _kind.AcceptOnlyFromAmong("restaurant", "parking", "charger");
        Arguments.Add(_kind);
        Options.Add(_near);
        Options.Add(_openAt);
        Options.Add(_radius);
        Options.Add(_json);
        SetAction(parse => CommandGuard.Run(parse, (stdout, _) => Execute(parse, stdout)));
    }

    /// <summary>The demo region's POIs and their attribution. The one place that loads them: the map store (with its
    /// R*Tree) replaces this when it holds the generated POIs.</summary>
    internal static PoiFile LoadPois() => PoiFile.Read(Path.Combine(Assets.Models, "maps", "adlershof", "pois.json"));

    private static Feed? LoadFeed(string name, FeedKind kind)
    {
        string path = Path.Combine(Assets.Models, "maps", "adlershof", "feeds", name);
        return File.Exists(path) ? FeedFile.Read(path, kind) : null;
    }

    private int Execute(ParseResult parse, TextWriter stdout)
    {
        string kind = parse.GetValue(_kind)!;
        string nearText = parse.GetValue(_near)!;
        if (!GeoPoint.TryParse(nearText, out var near)) throw new UsageException($"--near: expected LAT,LON in decimal degrees (52.4352,13.5412), found '{nearText}'");
        double radius = parse.GetValue(_radius);
        if (!(radius > 0 && radius <= 50_000)) throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--radius: expected metres above 0 and at most 50000, found {radius}"));
        DateTime? at = parse.GetValue(_openAt) is { } openAt ? ParseTime(openAt) : null;

        var file = LoadPois();
        var feed = kind switch
        {
            "parking" => LoadFeed("parking.csv", FeedKind.ParkingOccupancy),
            "charger" => LoadFeed("chargers.csv", FeedKind.ChargerAvailability),
            _ => null,
        };
        var results = new List<Result>();
        foreach (var poi in file.Pois)
        {
            bool wanted = kind switch { "parking" => poi.Parking is not null, "charger" => poi.Charger is not null, _ => poi.Food is not null };
            double distance = GeoPoint.DistanceM(near, poi.Position);
            if (!wanted || distance > radius) continue;
            string? hours = poi.Food?.OpeningHours ?? poi.Parking?.OpeningHours;
            DateTime? openUntil = null;
            if (at is { } t)
            {
                if (poi.Food is not null || hours is not null)
                {
                    // Unknown or unreadable hours are never taken as open.
                    if (hours is null || !OpeningHoursRule.TryParse(hours, out var rule, out _)) continue;
                    var need = poi.Food is not null ? MinOpen : TimeSpan.Zero;
                    if (rule.StateAt(t, PublicHolidays.Berlin) != OpeningState.Open || !rule.IsOpenThrough(t, need, PublicHolidays.Berlin)) continue;
                    openUntil = rule.NextChange(t, PublicHolidays.Berlin, horizonDays: 8);
                }
            }
            double? free = null;
            DateTime? sampled = null;
            if (at is { } when && feed is not null && feed.TryValueAt(poi.Id, when, out var value, out var sampledAt) && when - sampledAt <= OccupancyForecaster.MaxLiveAge)
                (free, sampled) = (value, sampledAt);
            results.Add(new Result(poi, distance, openUntil, free, sampled));
        }
        results.Sort((a, b) => a.DistanceM != b.DistanceM ? a.DistanceM.CompareTo(b.DistanceM) : string.CompareOrdinal(a.Poi.Id, b.Poi.Id));
        if (parse.GetValue(_json)) WriteJson(stdout, kind, near, radius, at, results, file.Attribution);
        else WriteText(stdout, kind, near, radius, at, results, file.Attribution);
        return ExitCodes.Ok;
    }

    private sealed record Result(Poi Poi, double DistanceM, DateTime? OpenUntil, double? Free, DateTime? Sampled);

    private static DateTime ParseTime(string text)
    {
        var inv = CultureInfo.InvariantCulture;
        if (TimeOnly.TryParseExact(text, "HH:mm", inv, DateTimeStyles.None, out var time)) return DemoDay.ToDateTime(time);
        if (DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm", inv, DateTimeStyles.None, out var moment)) return moment;
        throw new UsageException($"--open-at: expected HH:MM or YYYY-MM-DDTHH:MM (local time), found '{text}'");
    }

    private static void WriteText(TextWriter stdout, string kind, GeoPoint near, double radius, DateTime? at, List<Result> results, string attribution)
    {
        var inv = CultureInfo.InvariantCulture;
        string what = kind switch { "parking" => "car parks", "charger" => "chargers", _ => "restaurants and cafés" };
        stdout.WriteLine(string.Create(inv, $"{results.Count} {what} within {radius:F0} m of {near}{(at is { } t ? $", open at {t:yyyy-MM-dd HH:mm}" : "")}:"));
        foreach (var r in results)
            stdout.WriteLine(string.Create(inv, $"{r.DistanceM,6:F0} m  {r.Poi.Name}{(r.Poi.Generated ? " [generated]" : "")}: {Details(r, at)}"));
        if (results.Any(r => r.Poi.Generated)) stdout.WriteLine("[generated]: made up by tools/EdgeAI.MapGen on a real street; not a real place");
        stdout.WriteLine($"Map data: {attribution}");
    }

    private static string Details(Result r, DateTime? at)
    {
        var inv = CultureInfo.InvariantCulture;
        var parts = new List<string>();
        if (r.Poi.Food is { } f)
        {
            parts.Add($"{(r.Poi.Kind == PoiKind.Cafe ? "café" : "restaurant")}, {f.Cuisine.Replace('_', ' ')}, {new string('€', f.PriceLevel)}");
            if (f.Rating is { } rating) parts.Add(string.Create(inv, $"rated {rating:F1}"));
            parts.Add(f.OpeningHours ?? "opening hours unknown");
        }
        if (r.Poi.Parking is { } p)
        {
            parts.Add($"{(p.Covered ? "covered" : "open-air")}, {p.Capacity} spaces");
            parts.Add(p.FeePerHourEur > 0 ? string.Create(inv, $"€{p.FeePerHourEur:F2}/h{(p.DailyMaxEur is { } d ? $" (max €{d:F2}/day)" : "")}") : "free of charge");
            if (p.MaxHeightM is { } h) parts.Add(string.Create(inv, $"max height {h:F2} m"));
            if (p.EvSpaces > 0) parts.Add($"{p.EvSpaces} EV spaces");
            parts.Add(p.OpeningHours ?? "always open");
            if (r.Free is { } free) parts.Add(string.Create(inv, $"{free:F0} free at {at:HH:mm} (feed {r.Sampled:HH:mm})"));
        }
        if (r.Poi.Charger is { } c)
        {
            parts.Add(string.Create(inv, $"{c.PowerKw:0.#} kW {(c.PowerKw >= 50 ? "DC" : "AC")} {string.Join('/', c.Connectors)}, {c.Points} points"));
            if (r.Free is { } free) parts.Add(string.Create(inv, $"{free:F0} free at {at:HH:mm} (feed {r.Sampled:HH:mm})"));
        }
        if (r.OpenUntil is { } until) parts.Add(string.Create(inv, $"open until {until:HH:mm}{(at is { } a && until.Date != a.Date ? " (next day)" : "")}"));
        return string.Join(", ", parts);
    }

    private static void WriteJson(TextWriter stdout, string kind, GeoPoint near, double radius, DateTime? at, List<Result> results, string attribution)
    {
        var inv = CultureInfo.InvariantCulture;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("kind", kind);
            json.WriteStartArray("near");
            json.WriteNumberValue(near.Lat);
            json.WriteNumberValue(near.Lon);
            json.WriteEndArray();
            json.WriteNumber("radius_m", radius);
            if (at is { } t) json.WriteString("open_at", t.ToString("yyyy-MM-dd'T'HH:mm", inv)); else json.WriteNull("open_at");
            json.WriteStartArray("results");
            foreach (var r in results)
            {
                var p = r.Poi;
                json.WriteStartObject();
                json.WriteString("id", p.Id);
                json.WriteString("kind", PoiFile.KindName(p.Kind));
                json.WriteString("name", p.Name);
                json.WriteNumber("lat", p.Position.Lat);
                json.WriteNumber("lon", p.Position.Lon);
                json.WriteNumber("distance_m", Math.Round(r.DistanceM, 1));
                json.WriteBoolean("generated", p.Generated);
                if (p.Food is { } f)
                {
                    json.WriteString("cuisine", f.Cuisine);
                    if (f.OpeningHours is null) json.WriteNull("opening_hours"); else json.WriteString("opening_hours", f.OpeningHours);
                    json.WriteNumber("price_level", f.PriceLevel);
                    if (f.Rating is { } rating) json.WriteNumber("rating", rating); else json.WriteNull("rating");
                }
                if (p.Parking is { } pk)
                {
                    json.WriteNumber("capacity", pk.Capacity);
                    json.WriteNumber("fee_per_hour_eur", pk.FeePerHourEur);
                    if (pk.DailyMaxEur is { } d) json.WriteNumber("daily_max_eur", d); else json.WriteNull("daily_max_eur");
                    json.WriteBoolean("covered", pk.Covered);
                    if (pk.MaxHeightM is { } h) json.WriteNumber("max_height_m", h); else json.WriteNull("max_height_m");
                    json.WriteNumber("ev_spaces", pk.EvSpaces);
                    if (pk.OpeningHours is null) json.WriteNull("opening_hours"); else json.WriteString("opening_hours", pk.OpeningHours);
                }
                if (p.Charger is { } c)
                {
                    json.WriteNumber("power_kw", c.PowerKw);
                    json.WriteStartArray("connectors");
                    foreach (var connector in c.Connectors) json.WriteStringValue(connector);
                    json.WriteEndArray();
                    json.WriteNumber("points", c.Points);
                }
                if (r.OpenUntil is { } until) json.WriteString("open_until", until.ToString("yyyy-MM-dd'T'HH:mm", inv));
                if (r.Free is { } free)
                {
                    json.WriteNumber("free", free);
                    json.WriteString("feed_time", r.Sampled!.Value.ToString("yyyy-MM-dd'T'HH:mm", inv));
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("attribution", attribution);
            json.WriteEndObject();
        }
        stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
