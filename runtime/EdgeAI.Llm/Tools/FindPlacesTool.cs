using System.Globalization;
using System.Text.Json;
using EdgeAI.Fusion.Context;
using EdgeAI.Services;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.Parking;
using EdgeAI.Services.Restaurants;
using EdgeAI.Services.Routing;

namespace EdgeAI.Llm.Tools;

/// <summary>
/// <c>find_places</c>: restaurants open when the car gets there (and long enough for a meal), car parks with free spaces
/// at the arrival time, or chargers, ranked by the on-device services with a one-line reason each. Made-up places are
/// marked as generated.
/// </summary>
public sealed class FindPlacesTool(IContextView context, RegionServices services) : IChatTool, IPlaceTool
{
    private const int Listed = 3;

    /// <inheritdoc/>
    IReadOnlyList<Poi> IPlaceTool.Places => services.Map.Pois;

    /// <inheritdoc/>
    public string Name => "find_places";

    /// <inheritdoc/>
    public string Description =>
        "Find restaurants (open when the car arrives and for a meal after), parking (free spaces at arrival, price) or chargers near the car or near a place, best first, each with a reason; when near names a restaurant or car park, whether it suits and why.";

    /// <inheritdoc/>
    public string ParametersSchema =>
        """{"type": "object", "properties": {"kind": {"type": "string", "enum": ["restaurant", "parking", "charger"]}, "near": {"type": "string", "description": "A place name or lat,lon (default: the car's position)."}, "stay_min": {"type": "number", "minimum": 1, "maximum": 1440, "description": "Planned stay for parking, minutes (default 120)."}}, "required": ["kind"], "additionalProperties": false}""";

    /// <inheritdoc/>
    public string Invoke(JsonElement arguments)
    {
        var facts = new ServiceFacts(context);
        if (facts.Position is not { } here) return ServiceFacts.Error("the car's position is unknown (no GPS or CAN position yet)");
        GeoPoint near = here;
        Poi? place = null;
        if (arguments.TryGetProperty("near", out var n))
        {
            if (!PlaceLookup.TryResolve(n.GetString() ?? "", services.Map.Pois, out near, out place, out var error)) return ServiceFacts.Error("near: " + error);
        }
        var now = services.LocalTime(facts.Now);
        return arguments.GetProperty("kind").GetString() switch
        {
            "restaurant" => Restaurants(here, near, place, now),
            "parking" => Parking(here, near, place, now, arguments.TryGetProperty("stay_min", out var s) ? s.GetDouble() : 120),
            _ => Chargers(here, near),
        };
    }

    private string Restaurants(GeoPoint here, GeoPoint near, Poi? place, DateTime now)
    {
        var detours = new RouteDetours(services.Trips.Router, here, near == here ? null : near, services.TrafficAt(new ServiceFacts(context).Now));
        var advice = new RestaurantAdvisor(services.Map.Pois, services.Holidays).Advise(new RestaurantRequest(now, DinerProfile.Any, detours));
        return ServiceFacts.Json(json =>
        {
            json.WriteString("now_local", now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            json.WriteStartArray("places");
            foreach (var c in advice.Candidates.Take(Listed))
            {
                json.WriteStartObject();
                Place(json, c.Poi);
                json.WriteString("cuisine", c.Poi.Food?.Cuisine);
                json.WriteNumber("detour_min", Math.Round(c.DetourMinutes, 1));
                json.WriteString("arrive_local", c.Arrival.ToString("HH:mm", CultureInfo.InvariantCulture));
                if (c.OpenUntil is { } until) json.WriteString("open_until_local", until.ToString("HH:mm", CultureInfo.InvariantCulture));
                json.WriteString("why", c.Explanation);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("not_suitable", advice.Rejected.Count);
            // "Is the Mittagstisch open?": the place asked about, whether or not it made the list.
            if (place?.Food is not null)
                NearPlace(json, place, advice.Candidates.FirstOrDefault(c => c.Poi.Id == place.Id)?.Explanation, advice.Rejected.FirstOrDefault(r => r.Poi.Id == place.Id)?.Reason);
        });
    }

    private string Parking(GeoPoint here, GeoPoint near, Poi? place, DateTime now, double stayMin)
    {
        var route = services.Trips.Router.Find(here, near, services.TrafficAt(new ServiceFacts(context).Now));
        var arrival = now.AddSeconds(route?.TravelTimeS ?? 0);
        var advice = new ParkingAdvisor(services.Map.Graph, services.Map.Pois, services.ParkingOccupancy, services.Holidays)
            .Advise(new ParkingRequest(near, now, arrival, TimeSpan.FromMinutes(stayMin)));
        return ServiceFacts.Json(json =>
        {
            json.WriteString("arrive_local", arrival.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            json.WriteStartArray("places");
            foreach (var c in advice.Candidates.Take(Listed))
            {
                json.WriteStartObject();
                Place(json, c.Poi);
                json.WriteNumber("walk_m", Math.Round(c.WalkM));
                json.WriteNumber("price_eur", Math.Round(c.PriceEur, 2));
                json.WriteString("why", c.Explanation);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("not_suitable", advice.Rejected.Count);
            if (place?.Parking is not null)
                NearPlace(json, place, advice.Candidates.FirstOrDefault(c => c.Poi.Id == place.Id)?.Explanation, advice.Rejected.FirstOrDefault(r => r.Poi.Id == place.Id)?.Reason);
        });
    }

    /// <summary><c>near_place</c>: the place named as <c>near</c>, when it is of the kind asked for: suitable or not, and why.</summary>
    private static void NearPlace(Utf8JsonWriter json, Poi place, string? suitable, string? refused)
    {
        json.WriteStartObject("near_place");
        json.WriteString("name", place.Name);
        json.WriteBoolean("suitable", suitable is not null);
        json.WriteString("why", suitable ?? refused ?? $"{place.Name}: not checked (out of reach)");
        json.WriteEndObject();
    }

    private string Chargers(GeoPoint here, GeoPoint near)
    {
        var nearest = services.Map.Pois.Where(p => p.Charger is not null).OrderBy(p => GeoPoint.DistanceM(p.Position, near)).Take(Listed).ToList();
        return ServiceFacts.Json(json =>
        {
            json.WriteStartArray("places");
            foreach (var p in nearest)
            {
                json.WriteStartObject();
                Place(json, p);
                json.WriteNumber("power_kw", p.Charger!.PowerKw);
                json.WriteString("connectors", string.Join(", ", p.Charger.Connectors));
                json.WriteNumber("points", p.Charger.Points);
                if (services.Trips.Router.Find(here, p.Position) is { } r) json.WriteNumber("drive_min", Math.Round(r.TravelTimeS / 60, 1));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    private static void Place(Utf8JsonWriter json, Poi poi)
    {
        json.WriteString("name", poi.Name);
        json.WriteString("position", poi.Position.ToString());
        // Made-up data must be shown as such (tools/EdgeAI.MapGen fills in what no open source has).
        if (poi.Generated) json.WriteBoolean("generated", true);
    }
}
