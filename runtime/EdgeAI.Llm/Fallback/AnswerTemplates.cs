using System.Text;
using System.Text.Json;

namespace EdgeAI.Llm.Fallback;

/// <summary>
/// Turns a vehicle tool's JSON result into a sentence. Numbers are copied as the tool wrote them (their JSON text), so
/// the answer never says a value the tool did not return; a null field is left out, and when nothing is known the
/// answer gives the tool's reason.
/// </summary>
internal static class AnswerTemplates
{
    /// <summary>What the responder says when it recognises no question.</summary>
    public const string Help = "I can tell you about range, speed, climate and location.";

    /// <summary>The answer to a greeting.</summary>
    public const string Greeting = "Hello! " + Help;

    /// <summary>The answer for the result of <paramref name="tool"/>.</summary>
    public static string Compose(string tool, string resultJson, bool isError)
    {
        using var document = JsonDocument.Parse(resultJson);
        var result = document.RootElement;
        if (isError)
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
