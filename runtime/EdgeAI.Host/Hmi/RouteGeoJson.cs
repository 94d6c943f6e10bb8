using System.Text.Json;
using EdgeAI.Assistant.Trip;
using EdgeAI.Events;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.Routing;

namespace EdgeAI.Host.Hmi;

/// <summary>
/// <c>GET /api/route</c>: the trip as a GeoJSON FeatureCollection (RFC 7946, [lon, lat]). Every feature has a
/// <c>kind</c>: <c>route</c> (LineString; through the accepted charger while it is ahead), <c>car</c> (Point with
/// <c>heading_deg</c>), <c>destination</c>, <c>charging_stop</c> (<c>accepted</c> true for the driver's, false for the
/// planner's proposals) and <c>poi</c> (<c>category</c>, <c>name</c>). Built on the drive's thread when the plan changes.
/// </summary>
public static class RouteGeoJson
{
    /// <summary>The collection for <paramref name="trip"/> with the car at its position heading <paramref name="headingDeg"/>,
    /// or null before the trip has a position.</summary>
    public static string? Build(TripState trip, double? headingDeg)
    {
        ArgumentNullException.ThrowIfNull(trip);
        if (trip.Position is not { } position) return null;
        var services = trip.Services;
        var router = services.Trips.Router;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, EventEnvelope.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");

            var legs = new List<Route>();
            bool throughCharger = false;
            if (trip.Charger is { Reached: false } stop && router.Find(position, stop.Position) is { } there && router.Find(stop.Position, trip.Destination) is { } onwards)
            {
                legs.Add(there);
                legs.Add(onwards);
                throughCharger = true;
            }
            else if (trip.Plan is { } plan) legs.Add(plan.Route);
            if (legs.Count > 0)
            {
                Feature(json, "LineString");
                json.WriteStartArray("coordinates");
                GeoPoint? last = null;
                foreach (var leg in legs)
                    foreach (int edge in leg.Edges)
                        foreach (var point in router.Graph.Edges[edge].Shape)
                        {
                            if (last == point) continue;
                            Coordinates(json, point);
                            last = point;
                        }
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteStartObject("properties");
                json.WriteString("kind", "route");
                json.WriteNumber("length_m", Math.Round(legs.Sum(l => l.LengthM), 1));
                json.WriteBoolean("through_charger", throughCharger);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            Point(json, position);
            json.WriteStartObject("properties");
            json.WriteString("kind", "car");
            if (headingDeg is { } h) json.WriteNumber("heading_deg", Math.Round(h, 1));
            json.WriteEndObject();
            json.WriteEndObject();

            Point(json, trip.Destination);
            json.WriteStartObject("properties");
            json.WriteString("kind", "destination");
            json.WriteString("name", trip.DestinationName);
            json.WriteEndObject();
            json.WriteEndObject();

            if (trip.Charger is { } accepted)
            {
                Point(json, accepted.Position);
                json.WriteStartObject("properties");
                json.WriteString("kind", "charging_stop");
                json.WriteString("id", accepted.PoiId);
                json.WriteString("name", accepted.Name);
                json.WriteNumber("power_kw", accepted.PowerKw);
                json.WriteBoolean("accepted", true);
                json.WriteBoolean("reached", accepted.Reached);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            if (trip.Plan is { } current)
            {
                foreach (var planned in current.Charging.Stops)
                {
                    if (planned.Charger.Id == trip.Charger?.PoiId || trip.Poi(planned.Charger.Id) is not { } poi) continue;
                    Point(json, poi.Position);
                    json.WriteStartObject("properties");
                    json.WriteString("kind", "charging_stop");
                    json.WriteString("id", poi.Id);
                    json.WriteString("name", poi.Name);
                    json.WriteNumber("power_kw", planned.Charger.PowerKw);
                    json.WriteBoolean("accepted", false);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
            }

            foreach (var poi in services.Map.Pois)
            {
                Point(json, poi.Position);
                json.WriteStartObject("properties");
                json.WriteString("kind", "poi");
                json.WriteString("id", poi.Id);
                json.WriteString("category", Category(poi.Kind));
                json.WriteString("name", poi.Name);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Category(PoiKind kind) => kind switch
    {
        PoiKind.Restaurant => "restaurant",
        PoiKind.Cafe => "cafe",
        PoiKind.Parking => "parking",
        PoiKind.Charger => "charger",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static void Feature(Utf8JsonWriter json, string geometry)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        json.WriteStartObject("geometry");
        json.WriteString("type", geometry);
    }

    private static void Point(Utf8JsonWriter json, GeoPoint point)
    {
        Feature(json, "Point");
        json.WritePropertyName("coordinates");
        Coordinates(json, point);
        json.WriteEndObject();
    }

    private static void Coordinates(Utf8JsonWriter json, GeoPoint point)
    {
        json.WriteStartArray();
        json.WriteNumberValue(Math.Round(point.Lon, 6));
        json.WriteNumberValue(Math.Round(point.Lat, 6));
        json.WriteEndArray();
    }
}
