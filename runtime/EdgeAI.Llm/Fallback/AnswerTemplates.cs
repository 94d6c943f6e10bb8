using System.Text;
using System.Text.Json;
using EdgeAI.Services.TrafficLights;

namespace EdgeAI.Llm.Fallback;

/// <summary>
/// Turns a vehicle or service tool's JSON result into a sentence. Numbers and names are copied as the tool wrote them
/// (their JSON text), so the answer never says a value the tool did not return; a null field is left out, and when
/// nothing is known the answer gives the tool's reason. Places are given best first, with the services' reason.
/// </summary>
internal static class AnswerTemplates
{
    /// <summary>What the responder says when it recognises no question.</summary>
    public const string Help = "I can tell you about range, speed, climate and location.";

    /// <summary>The answer to a greeting.</summary>
    public const string Greeting = "Hello! " + Help;

    /// <summary>What the responder says to a route question that names no place it knows.</summary>
    public const string NeedsDestination = "I need a destination for that: name a place on the map, or give lat,lon.";

    /// <summary>The answer for the result of <paramref name="tool"/>.</summary>
    /// <param name="tool">The tool's name.</param>
    /// <param name="resultJson">Its result.</param>
    /// <param name="isError">Whether the call failed (the result is then <c>{"error": ...}</c>).</param>
    public static string Compose(string tool, string resultJson, bool isError)
    {
        using var document = JsonDocument.Parse(resultJson);
        var result = document.RootElement;
        // The service tools answer what they cannot do with {"error": ...} as their result.
        if (isError || Text(result, "error") is not null)
            return $"Sorry, I could not read that: {Text(result, "error") ?? "the tool failed"}.";
        var answer = new StringBuilder();
        switch (tool)
        {
            case "get_range":
                Range(result, answer);
                break;
            case "get_cabin_climate":
                Climate(result, answer);
                break;
            case "get_vehicle_state":
                VehicleState(result, answer);
                break;
            case "get_location":
                Location(result, answer);
                break;
            case "find_places":
                Places(result, answer);
                break;
            case "plan_route":
                Route(result, answer);
                break;
            case "traffic_light":
                TrafficLight(result, answer);
                break;
        }
        if (answer.Length == 0)
            answer.Append("I don't have that information yet").Append(FirstReason(result) is { } reason ? $": {reason}." : ".");
        return answer.ToString().TrimEnd();
    }

    private static void Range(JsonElement r, StringBuilder answer)
    {
        if (Number(r, "range_km") is { } km) answer.Append($"The estimated range is {km} km. ");
        else if (Number(r, "range_mi") is { } mi) answer.Append($"The estimated range is {mi} miles. ");
        string? soc = Number(r, "state_of_charge_percent");
        if (soc is not null) answer.Append($"The battery is at {soc} %");
        if (Number(r, "remaining_energy_kwh") is { } kwh) answer.Append(soc is null ? $"The battery holds {kwh} kWh. " : $" with {kwh} kWh left. ");
        else if (soc is not null) answer.Append(". ");
        if (Text(r, "charging_state") is "Charging") answer.Append("The car is charging. ");
    }

    private static void Climate(JsonElement r, StringBuilder answer)
    {
        string unit = r.TryGetProperty("cabin_temperature_f", out _) || r.TryGetProperty("setpoint_f", out _) ? "F" : "C";
        string suffix = unit == "F" ? "_f" : "_c";
        if (Number(r, "cabin_temperature" + suffix) is { } cabin) answer.Append($"It is {cabin} °{unit} in the cabin. ");
        if (Number(r, "outside_temperature" + suffix) is { } outside) answer.Append($"Outside it is {outside} °{unit}. ");
        if (Number(r, "setpoint" + suffix) is { } setpoint) answer.Append($"The climate is set to {setpoint} °{unit}. ");
        bool? ac = Flag(r, "air_conditioning_on");
        if (ac is { } on) answer.Append(on ? "Air conditioning is on" : "Air conditioning is off");
        if (Number(r, "fan_level") is { } fan) answer.Append(ac is null ? $"The fan is at level {fan}. " : $", fan at level {fan}. ");
        else if (ac is not null) answer.Append(". ");
    }

    private static void VehicleState(JsonElement r, StringBuilder answer)
    {
        if (Number(r, "speed_kmh") is { } speed)
            answer.Append(speed is "0" ? "The car is standing still. " : $"You are driving at {speed} km/h. ");
        string? gear = Text(r, "gear");
        if (gear is not null) answer.Append($"The gear is {gear}");
        if (Text(r, "drive_mode") is { } mode) answer.Append(gear is null ? $"The drive mode is {mode}. " : $" in {mode} mode. ");
        else if (gear is not null) answer.Append(". ");
        if (r.TryGetProperty("doors_open", out var doors) && doors.ValueKind == JsonValueKind.Array)
        {
            var open = new List<string>();
            foreach (var door in doors.EnumerateArray()) open.Add(door.GetString()!.Replace('_', ' '));
            answer.Append(open.Count == 0 ? "All doors are closed. " : $"Open doors: {string.Join(", ", open)}. ");
        }
    }

    private static void Location(JsonElement r, StringBuilder answer)
    {
        if (Number(r, "latitude") is { } lat && Number(r, "longitude") is { } lon)
        {
            answer.Append($"The car is at latitude {lat}, longitude {lon}");
            answer.Append(Number(r, "age_s") is { } age ? $", a fix {age} s old. " : ". ");
        }
    }

    private static void Places(JsonElement r, StringBuilder answer)
    {
        if (!r.TryGetProperty("places", out var list) || list.ValueKind != JsonValueKind.Array) return;
        var places = list.EnumerateArray().ToList();
        bool restaurants = r.TryGetProperty("now_local", out _);
        // "Is the Mittagstisch open?": the place asked about first, suitable or not; else the best, with its reason.
        string? asked = null;
        bool instead = true;
        if (r.TryGetProperty("near_place", out var near) && Text(near, "name") is { } name && Text(near, "why") is { } why)
        {
            asked = name;
            instead = Flag(near, "suitable") != true;
            if (!instead) answer.Append(restaurants ? $"Yes, it is open when you get there. {why}. " : $"Yes. {why}. ");
            else answer.Append(restaurants ? $"Not for a meal when you get there: {why}. " : $"Not there: {why}. ");
        }
        var others = places.Where(p => Text(p, "name") != asked).ToList();
        int listed = 0;
        if (instead && others.Count > 0)
        {
            answer.Append(asked is null ? "" : "Instead: ").Append(Best(others[0])).Append(". ");
            listed = 1;
        }
        var names = others.Skip(listed).Select(p => Text(p, "name")).OfType<string>().ToList();
        if (names.Count > 0) answer.Append($"Also: {string.Join(", ", names)}. ");
        if (asked is null && places.Count == 0)
        {
            answer.Append(restaurants ? "No place to eat is open long enough when you get there" : "I found none on the map");
            answer.Append(Number(r, "not_suitable") is { } n && n is not "0" ? $" ({n} do not suit). " : ". ");
        }
        // Made-up data must be shown as such (tools/EdgeAI.MapGen fills in what no open source has).
        if (places.Any(p => Flag(p, "generated") == true)) answer.Append("(Generated place data.) ");
    }

    /// <summary>A place with its reason: the services' one line, else (chargers) its power and the drive there.</summary>
    private static string Best(JsonElement place)
    {
        if (Text(place, "why") is { } why) return why;
        var line = new StringBuilder(Text(place, "name"));
        var facts = new List<string>();
        if (Number(place, "power_kw") is { } kw) facts.Add($"{kw} kW");
        if (Number(place, "points") is { } points) facts.Add(points is "1" ? "1 point" : $"{points} points");
        if (Number(place, "drive_min") is { } min) facts.Add($"{min} min away");
        if (facts.Count > 0) line.Append(": ").Append(string.Join(", ", facts));
        return line.ToString();
    }

    private static void Route(JsonElement r, StringBuilder answer)
    {
        if (Text(r, "destination") is not { } to) return;
        answer.Append($"To {to}");
        if (Number(r, "distance_km") is { } km) answer.Append($": {km} km");
        if (Number(r, "driving_min") is { } min) answer.Append($", {min} min driving");
        answer.Append(". ");
        if (Text(r, "charging") is { } infeasible)
        {
            answer.Append($"Charging: {infeasible}. ");
            return;
        }
        if (r.TryGetProperty("charging_stops", out var stops) && stops.ValueKind == JsonValueKind.Array)
            foreach (var stop in stops.EnumerateArray())
                answer.Append($"Charge at {Text(stop, "name")} for {Number(stop, "charge_min")} min, to {Number(stop, "leave_soc_percent")} %. ");
        if (Text(r, "arrival_local") is { } arrival)
        {
            answer.Append($"You arrive at {arrival}");
            answer.Append(Number(r, "arrival_soc_percent") is { } soc ? $" with {soc} % charge. " : ". ");
        }
    }

    private static void TrafficLight(JsonElement r, StringBuilder answer)
    {
        if (r.TryGetProperty("light", out var light) && light.ValueKind == JsonValueKind.Null)
        {
            string why = Text(r, "why") ?? "no traffic light ahead";
            answer.Append(char.ToUpperInvariant(why[0])).Append(why.AsSpan(1)).Append(". ");
            return;
        }
        if (Text(r, "state") is not { } state) return;
        if (Flag(r, "red_light_warning") == true && Text(r, "message") is { } warning) answer.Append(warning).Append(' ');
        string? green = Number(r, "time_to_green_s");
        string? red = Number(r, "time_to_red_s");
        string shows = Shows(state);
        if (shows == "green") answer.Append(red is not null ? $"The light is green, red in {red} s. " : "The light is green. ");
        else if (green is not null) answer.Append($"Green in {green} s. ");
        else answer.Append($"The light is {shows}; when it turns green is not known yet. ");
        if (Number(r, "distance_m") is { } m) answer.Append($"The stop line is {m} m ahead. ");
        if (r.TryGetProperty("glosa_kph", out var band) && band.ValueKind == JsonValueKind.Array && band.GetArrayLength() == 2)
        {
            string low = band[0].GetRawText(), high = band[1].GetRawText();
            answer.Append(low == high ? $"{high} km/h for the green. " : $"{low}-{high} km/h for the green. ");
        }
        if (Number(r, "confidence") is { } confidence && r.GetProperty("confidence").GetDouble() < TrafficLightAdvisor.MinConfidence)
            answer.Append($"The prediction is uncertain (confidence {confidence}). ");
    }

    /// <summary>What a J2735 signal state shows a driver.</summary>
    private static string Shows(string j2735) => MovementPhaseStates.TryParse(j2735, out var state)
        ? state switch
        {
            MovementPhaseState.ProtectedMovementAllowed or MovementPhaseState.PermissiveMovementAllowed => "green",
            MovementPhaseState.StopAndRemain => "red",
            MovementPhaseState.StopThenProceed => "flashing red",
            MovementPhaseState.PreMovement => "red and amber",
            MovementPhaseState.ProtectedClearance or MovementPhaseState.PermissiveClearance => "amber",
            MovementPhaseState.CautionConflictingTraffic => "flashing amber",
            MovementPhaseState.Dark => "dark",
            _ => "unknown",
        }
        : j2735;

    private static string? Number(JsonElement r, string field) =>
        r.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null;

    private static string? Text(JsonElement r, string field) =>
        r.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool? Flag(JsonElement r, string field) =>
        r.TryGetProperty(field, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static string? FirstReason(JsonElement r)
    {
        if (!r.TryGetProperty("unavailable", out var reasons) || reasons.ValueKind != JsonValueKind.Object) return null;
        foreach (var reason in reasons.EnumerateObject()) return reason.Value.GetString();
        return null;
    }
}
