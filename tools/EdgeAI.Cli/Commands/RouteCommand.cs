using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeAI.Cli.Input;
using EdgeAI.Inference.Models;
using EdgeAI.Services.Charging;
using EdgeAI.Services.Energy;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai route FROM TO [--soc N] [--json]</c>: the fastest route between two places (lat,lon or a POI name) with
/// its energy and the charging stops the planner picks. The region comes from <see cref="LoadRegion"/> (a map store,
/// or the demo region from the model cache), the chargers from its POIs plus <c>--chargers</c>.
/// </summary>
public sealed class RouteCommand : Command
{
    private readonly Argument<string> _from = new("FROM") { Description = "start: lat,lon or a POI name" };
    private readonly Argument<string> _to = new("TO") { Description = "destination: lat,lon or a POI name" };
    private readonly Option<double> _soc = new("--soc") { Description = "state of charge at the start, percent (default 80)", DefaultValueFactory = _ => 80 };
    private readonly Option<double> _temperature = new("--temp") { Description = "outside temperature, °C (default 15)", DefaultValueFactory = _ => 15 };
    private readonly Option<string?> _map = new("--map") { Description = "a map store (default: the demo region, Berlin-Adlershof)" };
    private readonly Option<string?> _chargers = new("--chargers") { Description = "more chargers, CSV: id,name,lat,lon,power_kw (header line first)" };
    private readonly Option<string?> _vehicle = new("--vehicle") { Description = "vehicle profile JSON (default: models/vehicle/vw_id3.profile.json)" };
    private readonly Option<string?> _cache = new("--cache") { Description = "the model cache (default: EDGEAI_MODELS or ~/.cache/edgeai/models)" };
    private readonly Option<bool> _json = new("--json") { Description = "one JSON object" };

    public RouteCommand() : base("route", "The fastest route between two places, its energy and the charging stops")
    {
        Arguments.Add(_from);
        Arguments.Add(_to);
        foreach (var o in new Option[] { _soc, _temperature, _map, _chargers, _vehicle, _cache, _json }) Options.Add(o);
        SetAction(parse => CommandGuard.Run(parse, (stdout, _) => Execute(parse, stdout)));
    }

    private int Execute(ParseResult parse, TextWriter stdout)
    {
        var soc = parse.GetValue(_soc);
        if (!(soc >= 0 && soc <= 100)) throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--soc: expected a percentage 0..100, found {soc}"));
        var region = LoadRegion(parse.GetValue(_map), parse.GetValue(_cache), parse.GetValue(_chargers));
        var profile = VehicleProfileReader.Load(parse.GetValue(_vehicle) ?? Assets.Require(Path.Combine(Assets.Models, "vehicle", "vw_id3.profile.json"), "the demo car's profile"));
        var from = Place(parse.GetValue(_from)!, "FROM", region.Pois);
        var to = Place(parse.GetValue(_to)!, "TO", region.Pois);
        var planner = new TripPlanner(region.Graph, profile);
        var departure = DateTimeOffset.Now;
        var plan = planner.Plan(from, to, soc / 100, region.Pois, departure, parse.GetValue(_temperature))
            ?? throw new UsageException($"no route from {from} to {to} on {region.Name}");
        if (parse.GetValue(_json)) WriteJson(stdout, region, plan, profile);
        else WriteText(stdout, region, plan);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The road graph and POIs to plan on: <paramref name="mapStore"/> when given, else the demo region's store (built in
    /// the model cache when needed), plus the chargers of <paramref name="chargersCsv"/>. Kept in one place so that the
    /// data source can change without touching the rest.
    /// </summary>
    internal static RegionMap LoadRegion(string? mapStore, string? cacheRoot, string? chargersCsv)
    {
        var path = mapStore ?? MapInfoCommand.EnsureDemoStore(cacheRoot ?? ModelCache.DefaultRoot);
        RegionMap map;
        using (var store = MapStore.Open(path)) map = store.Load();
        return chargersCsv is null ? map : map with { Pois = [.. map.Pois, .. ReadChargers(chargersCsv)] };
    }

    private static List<Poi> ReadChargers(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file (expected CSV id,name,lat,lon,power_kw)", path);
        var result = new List<Poi>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (lineNo == 1 || line.Trim().Length == 0) continue;
            var f = line.Split(',');
            if (f.Length != 5 || !double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                || !double.TryParse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                || !double.TryParse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var kw) || !(kw > 0))
                throw new InvalidDataException($"{path}:{lineNo}: expected id,name,lat,lon,power_kw with numbers and a power above 0");
            result.Add(new Poi(f[0].Trim(), PoiKind.Charger, f[1].Trim(), new GeoPoint(lat, lon), Generated: true) { Charger = new ChargerInfo(kw, ["ccs2"], 1) });
        }
        return result;
    }

    private static GeoPoint Place(string text, string what, IReadOnlyList<Poi> pois) =>
        PlaceLookup.TryResolve(text, pois, out var point, out _, out var error) ? point : throw new UsageException($"{what}: {error}");

    private static void WriteText(TextWriter stdout, RegionMap region, TripPlan plan)
    {
        var inv = CultureInfo.InvariantCulture;
        var c = plan.Charging;
        stdout.WriteLine(string.Create(inv, $"route:    {plan.Route.LengthM / 1000:F2} km, {plan.Route.TravelTimeS / 60:F1} min, {plan.EnergyKwh:F2} kWh, {plan.Route.Maneuvers.Count(m => m.Direction != Services.Routing.TurnDirection.Straight)} turns"));
        if (!c.Feasible) { stdout.WriteLine($"charging: no feasible plan: {c.Reason}"); }
        else
        {
            foreach (var s in c.Stops)
                stdout.WriteLine(string.Create(inv, $"stop:     {s.Charger.Name} ({s.Charger.PowerKw:F0} kW) after {s.Charger.AlongRouteM / 1000:F2} km: {100 * s.ArrivalSoc:F1} % -> {100 * s.DepartureSoc:F1} %, {s.ChargeMinutes:F1} min charging"));
            if (c.Stops.Count == 0) stdout.WriteLine("charging: no stop needed");
            stdout.WriteLine(string.Create(inv, $"arrival:  {plan.Arrival:HH:mm} with {100 * c.ArrivalSoc:F1} %, total {c.TotalTimeS / 60:F1} min"));
        }
        stdout.WriteLine($"map:      {region.Name}, {region.Attribution}");
    }

    private static void WriteJson(TextWriter stdout, RegionMap region, TripPlan plan, VehicleProfile profile)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            var c = plan.Charging;
            json.WriteStartObject();
            json.WriteString("region", region.Name);
            json.WriteString("attribution", region.Attribution);
            json.WriteString("vehicle", profile.Name);
            json.WriteNumber("lengthM", Math.Round(plan.Route.LengthM, 1));
            json.WriteNumber("driveS", Math.Round(plan.Route.TravelTimeS, 1));
            json.WriteNumber("energyKwh", Math.Round(plan.EnergyKwh, 3));
            json.WriteString("departure", plan.Departure.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("arrival", plan.Arrival.ToString("O", CultureInfo.InvariantCulture));
            json.WriteStartArray("maneuvers");
            foreach (var m in plan.Route.Maneuvers)
            {
                if (m.Direction == Services.Routing.TurnDirection.Straight) continue;
                json.WriteStartObject();
                json.WriteNumber("atM", Math.Round(m.DistanceFromStartM, 1));
                json.WriteString("turn", m.Direction.ToString());
                json.WriteString("onto", region.Graph.Edges[m.ToEdge].Name ?? "");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("charging");
            json.WriteBoolean("feasible", c.Feasible);
            if (!c.Feasible) json.WriteString("reason", c.Reason);
            else
            {
                json.WriteNumber("totalS", Math.Round(c.TotalTimeS, 1));
                json.WriteNumber("arrivalSoc", Math.Round(100 * c.ArrivalSoc, 2));
                json.WriteStartArray("stops");
                foreach (var s in c.Stops)
                {
                    json.WriteStartObject();
                    json.WriteString("id", s.Charger.Id);
                    json.WriteString("name", s.Charger.Name);
                    json.WriteNumber("powerKw", s.Charger.PowerKw);
                    json.WriteNumber("alongM", Math.Round(s.Charger.AlongRouteM, 1));
                    json.WriteNumber("arrivalSoc", Math.Round(100 * s.ArrivalSoc, 2));
                    json.WriteNumber("departureSoc", Math.Round(100 * s.DepartureSoc, 2));
                    json.WriteNumber("chargeMin", Math.Round(s.ChargeMinutes, 2));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
