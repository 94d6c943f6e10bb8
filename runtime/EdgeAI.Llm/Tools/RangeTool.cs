using System.Text.Json;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Llm.Tools;

/// <summary><c>get_range</c>: state of charge, estimated range, remaining energy, consumption and charging state.</summary>
public sealed class RangeTool(IContextView context) : IChatTool
{
    private const double KmPerMile = 1.609344;

    /// <inheritdoc/>
    public string Name => "get_range";

    /// <inheritdoc/>
    public string Description =>
        "Get the battery state of charge, the estimated driving range, the remaining battery energy, the average energy consumption and whether the car is charging.";

    /// <inheritdoc/>
    public string ParametersSchema =>
        """{"type": "object", "properties": {"unit": {"type": "string", "enum": ["km", "mi"], "description": "Distance unit of the range, kilometres (default) or miles."}}, "additionalProperties": false}""";

    /// <inheritdoc/>
    public string Invoke(JsonElement arguments)
    {
        bool miles = arguments.TryGetProperty("unit", out var unit) && unit.GetString() == "mi";
        var report = new VehicleReport(context);
        report.Number("state_of_charge_percent", ContextKeys.StateOfCharge, 1);
        if (miles)
        {
            report.Number("range_mi", ContextKeys.Range, 0, km => km / KmPerMile);
            report.Number("consumption_kwh_per_100mi", "EdgeAI.Powertrain.EnergyConsumption", 1, perKm => perKm * KmPerMile);
        }
        else
        {
            report.Number("range_km", ContextKeys.Range, 0);
            report.Number("consumption_kwh_per_100km", "EdgeAI.Powertrain.EnergyConsumption", 1);
        }
        report.Number("remaining_energy_kwh", ContextKeys.RemainingEnergy, 1);
        report.Label("charging_state", "EdgeAI.Charging.State");
        return report.Finish();
    }
}
