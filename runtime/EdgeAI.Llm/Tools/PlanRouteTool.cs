using System.Text.Json;
using EdgeAI.Fusion.Context;
using EdgeAI.Services;
using EdgeAI.Services.Map;

namespace EdgeAI.Llm.Tools;

/// <summary>
/// <c>plan_route</c>: from the car's position to a place, the fastest route, its energy, the charging stops that
/// minimise the trip time, and the arrival time and charge, all from the on-device services (never invented).
/// </summary>
public sealed class PlanRouteTool(IContextView context, RegionServices services) : IChatTool, IPlaceTool
{
    /// <inheritdoc/>
    IReadOnlyList<Poi> IPlaceTool.Places => services.Map.Pois;

    /// <inheritdoc/>
    public string Name => "plan_route";

    /// <inheritdoc/>
    public string Description =>
        "Plan the route from the car's current position to a destination (a place name or lat,lon): distance, driving time, energy, the charging stops needed and the arrival time and charge.";

    /// <inheritdoc/>
    public string ParametersSchema =>
        """{"type": "object", "properties": {"destination": {"type": "string", "description": "A place name from the map, or lat,lon."}, "soc_percent": {"type": "number", "minimum": 0, "maximum": 100, "description": "Start charge in percent (default: the car's current charge)."}}, "required": ["destination"], "additionalProperties": false}""";

    /// <inheritdoc/>
    public string Invoke(JsonElement arguments)
    {
        var facts = new ServiceFacts(context);
        string destination = arguments.GetProperty("destination").GetString() ?? "";
        if (!PlaceLookup.TryResolve(destination, services.Map.Pois, out var to, out var place, out var error))
            return ServiceFacts.Error("destination: " + error);
        if (facts.Position is not { } from) return ServiceFacts.Error("the car's position is unknown (no GPS or CAN position yet)");
        double? soc = arguments.TryGetProperty("soc_percent", out var s) ? s.GetDouble() / 100 : facts.Soc;
        if (soc is not { } startSoc) return ServiceFacts.Error("the state of charge is unknown; give soc_percent");
        var departure = facts.Now;
        // Chargers the live feed reports full are left out; the planner picks among the others.
        var plan = services.Trips.Plan(from, to, startSoc, services.PlacesAt(departure), departure, facts.OutsideC ?? 15, services.TrafficAt(departure));
        if (plan is null) return ServiceFacts.Error($"no route to {destination} on the map of {services.Map.Name}");
        var charging = plan.Charging;
        return ServiceFacts.Json(json =>
        {
            json.WriteString("destination", place?.Name ?? to.ToString());
            json.WriteNumber("distance_km", Math.Round(plan.Route.LengthM / 1000, 2));
            json.WriteNumber("driving_min", Math.Round(plan.Route.TravelTimeS / 60, 1));
            json.WriteNumber("energy_kwh", Math.Round(plan.EnergyKwh, 2));
            json.WriteNumber("start_soc_percent", Math.Round(startSoc * 100, 1));
            if (!charging.Feasible)
            {
                json.WriteString("charging", "no feasible plan: " + charging.Reason);
                return;
            }
            json.WriteStartArray("charging_stops");
            foreach (var stop in charging.Stops)
            {
                json.WriteStartObject();
                json.WriteString("name", stop.Charger.Name);
                json.WriteNumber("power_kw", Math.Round(stop.Charger.PowerKw, 0));
                json.WriteNumber("after_km", Math.Round(stop.Charger.AlongRouteM / 1000, 2));
                json.WriteNumber("arrive_soc_percent", Math.Round(stop.ArrivalSoc * 100, 1));
                json.WriteNumber("leave_soc_percent", Math.Round(stop.DepartureSoc * 100, 1));
                json.WriteNumber("charge_min", Math.Round(stop.ChargeMinutes, 1));
                // Made-up data must be shown as such (tools/EdgeAI.MapGen fills in what no open source has).
                if (services.Map.Pois.FirstOrDefault(p => p.Id == stop.Charger.Id) is { Generated: true }) json.WriteBoolean("generated", true);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("arrival_local", services.LocalTime(plan.Arrival).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteNumber("arrival_soc_percent", Math.Round(charging.ArrivalSoc * 100, 1));
            json.WriteNumber("total_min", Math.Round(charging.TotalTimeS / 60, 1));
            json.WriteString("source", services.Map.Attribution);
        });
    }
}
