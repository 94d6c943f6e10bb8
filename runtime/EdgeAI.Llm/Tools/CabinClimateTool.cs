using System.Text.Json;
using EdgeAI.Llm.Vehicle;

namespace EdgeAI.Llm.Tools;

/// <summary><c>get_cabin_climate</c>: cabin and outside temperature, setpoint, fan, air conditioning and humidity.</summary>
public sealed class CabinClimateTool(VehicleStateStore store) : IChatTool
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
        var report = new VehicleReport(store);
        report.Number("cabin_temperature" + suffix, VehicleSignals.CabinTemperature, 1, convert);
        report.Number("outside_temperature" + suffix, VehicleSignals.OutsideTemperature, 1, convert);
        report.Number("setpoint" + suffix, VehicleSignals.CabinSetpoint, 1, convert);
        report.Number("fan_level", VehicleSignals.FanLevel, 0);
        report.Flag("air_conditioning_on", VehicleSignals.AirConditioningOn);
        report.Number("humidity_percent", VehicleSignals.CabinHumidity, 0);
        return report.Finish();
    }
}
