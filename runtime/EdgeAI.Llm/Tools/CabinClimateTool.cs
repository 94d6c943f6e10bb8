using System.Text.Json;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Llm.Tools;

/// <summary><c>get_cabin_climate</c>: cabin and outside temperature, setpoint, fan, air conditioning and humidity.</summary>
public sealed class CabinClimateTool(IContextView context) : IChatTool
{
    /// <inheritdoc/>
    public string Name => "get_cabin_climate";

    /// <inheritdoc/>
    public string Description =>
        "Get the cabin climate: cabin and outside temperature, the temperature setpoint, fan level (0-10), whether the air conditioning is on, and cabin humidity.";

    /// <inheritdoc/>
    public string ParametersSchema =>
        """{"type": "object", "properties": {"unit": {"type": "string", "enum": ["C", "F"], "description": "Temperature unit, Celsius (default) or Fahrenheit."}}, "additionalProperties": false}""";

    /// <inheritdoc/>
    public string Invoke(JsonElement arguments)
    {
        bool fahrenheit = arguments.TryGetProperty("unit", out var unit) && unit.GetString() == "F";
        Func<double, double>? convert = fahrenheit ? c => c * 9 / 5 + 32 : null;
        string suffix = fahrenheit ? "_f" : "_c";
        var report = new VehicleReport(context);
        report.Number("cabin_temperature" + suffix, ContextKeys.CabinTemperature, 1, convert);
        report.Number("outside_temperature" + suffix, ContextKeys.OutsideTemperature, 1, convert);
        report.Number("setpoint" + suffix, "EdgeAI.Cabin.HVAC.Setpoint", 1, convert);
        report.Number("fan_level", "EdgeAI.Cabin.HVAC.FanLevel", 0);
        report.Flag("air_conditioning_on", "Vehicle.Cabin.HVAC.IsAirConditioningActive");
        report.Number("humidity_percent", "EdgeAI.Cabin.Humidity", 0);
        return report.Finish();
    }
}
