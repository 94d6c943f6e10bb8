using System.Text.Json;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Llm.Tools;

/// <summary><c>get_location</c>: latitude and longitude (5 decimals, about 1 m) and the fix's age.</summary>
public sealed class LocationTool(IContextView context) : IChatTool
{
    /// <inheritdoc/>
    public string Name => "get_location";

    /// <inheritdoc/>
    public string Description =>
        "Get the car's current GPS position as latitude and longitude in degrees, and how many seconds old the position is.";

    /// <inheritdoc/>
    public string ParametersSchema => """{"type": "object", "properties": {}, "additionalProperties": false}""";

    /// <inheritdoc/>
    public string Invoke(JsonElement arguments)
    {
        var report = new VehicleReport(context);
        report.Number("latitude", ContextKeys.Latitude, 5);
        report.Number("longitude", ContextKeys.Longitude, 5);
        return report.Finish();
    }
}
