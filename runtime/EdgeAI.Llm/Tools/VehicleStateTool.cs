using System.Text.Json;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Llm.Tools;

/// <summary><c>get_vehicle_state</c>: speed, gear, drive mode, ready-to-drive, odometer, trip and doors.</summary>
public sealed class VehicleStateTool(IContextView context) : IChatTool
{
    private static readonly string[] DoorNames = ["front_left", "front_right", "rear_left", "rear_right"];
    private static readonly string[] DoorKeys = [ContextKeys.DoorDriver, ContextKeys.DoorPassenger, ContextKeys.DoorRearLeft, ContextKeys.DoorRearRight];

    /// <summary>The optional key saying whether the speed signal is valid (a car's "speed valid" bit).</summary>
    public const string SpeedValidKey = "EdgeAI.Chassis.IsSpeedValid";

    /// <inheritdoc/>
    public string Name => "get_vehicle_state";

    /// <inheritdoc/>
    public string Description =>
        "Get the car's current driving state: speed in km/h, gear (P, R, N, D), drive mode, whether it is ready to drive, odometer, trip distance, and which doors are open or locked.";

    /// <inheritdoc/>
    public string ParametersSchema => """{"type": "object", "properties": {}, "additionalProperties": false}""";

    /// <inheritdoc/>
    public string Invoke(JsonElement arguments)
    {
        var report = new VehicleReport(context);
        if (context.Current[SpeedValidKey] is { Reading: { HasValue: true, IsSet: false } })
            report.Null("speed_kmh", $"{SpeedValidKey} reports the speed as invalid");
        else
            report.Number("speed_kmh", ContextKeys.Speed, 1);
        report.Label("gear", ContextKeys.Gear);
        report.Label("drive_mode", "EdgeAI.Powertrain.DriveMode");
        report.Flag("ready_to_drive", ContextKeys.Ready);
        report.Number("odometer_km", ContextKeys.Odometer, 1);
        report.Number("trip_km", "EdgeAI.Trip.DisplayedDistance", 1);
        var open = new List<string>();
        bool known = true;
        for (int i = 0; i < DoorNames.Length && known; i++)
        {
            if (report.Use("doors_open", DoorKeys[i]) is { } door) { if (door.Reading.IsSet) open.Add(DoorNames[i]); }
            else known = false;
        }
        if (known) report.List("doors_open", open);
        report.Flag("trunk_open", ContextKeys.Trunk);
        report.Label("central_lock", "EdgeAI.Body.CentralLock");
        return report.Finish();
    }
}
