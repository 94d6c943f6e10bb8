using System.Text.Json;
using EdgeAI.Llm.Vehicle;

namespace EdgeAI.Llm.Tools;

/// <summary><c>get_vehicle_state</c>: speed, gear, drive mode, ready-to-drive, odometer, trip and doors.</summary>
public sealed class VehicleStateTool(VehicleStateStore store) : IChatTool
{
    private static readonly string[] DoorNames = ["front_left", "front_right", "rear_left", "rear_right"];

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
        var report = new VehicleReport(store);
        if (store.Read(VehicleSignals.SpeedValid) is { IsSet: false })
            report.Null("speed_kmh", $"{VehicleSignals.SpeedValid} reports the speed as invalid");
        else
            report.Number("speed_kmh", VehicleSignals.Speed, 1);
        report.Label("gear", VehicleSignals.Gear);
        report.Label("drive_mode", VehicleSignals.DriveMode);
        report.Flag("ready_to_drive", VehicleSignals.ReadyToDrive);
        report.Number("odometer_km", VehicleSignals.Odometer, 1);
        report.Number("trip_km", VehicleSignals.TripDistance, 1);
        var open = new List<string>();
        bool known = true;
        for (int i = 0; i < DoorNames.Length && known; i++)
        {
            if (report.Use("doors_open", VehicleSignals.DoorsOpen[i]) is { } door) { if (door.IsSet) open.Add(DoorNames[i]); }
            else known = false;
        }
        if (known) report.List("doors_open", open);
        report.Flag("trunk_open", VehicleSignals.TrunkOpen);
        report.Label("central_lock", VehicleSignals.CentralLock);
        return report.Finish();
    }
}
