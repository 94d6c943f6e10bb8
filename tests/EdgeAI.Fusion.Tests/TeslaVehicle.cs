using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Mapping;
using EdgeAI.TestKit;

namespace EdgeAI.Fusion.Tests;

/// <summary>The second vehicle: a Tesla Model 3 from opendbc's DBC, its signal map and its bundled two-minute drive.</summary>
internal static class TeslaVehicle
{
    public static string DbcPath => RepoPaths.Get("models", "dbc", "tesla_model3_vehicle.dbc");

    public static string MapPath => RepoPaths.Get("models", "vehicle", "tesla_model3.signals.json");

    /// <summary>models/scenarios/tesla-model3-short/can.log.gz, written by <c>EdgeAI.DriveGen tesla-model3</c>.</summary>
    public static string LogPath => RepoPaths.Get("models", "scenarios", "tesla-model3-short", "can.log.gz");

    public static DbcDatabase Database { get; } = DbcDatabase.Load(DbcPath);

    public static SignalMap Map { get; } = SignalMap.Load(MapPath, Database);

    /// <summary>Every frame of the bundled drive.</summary>
    public static List<CanFrame> Drive()
    {
        var frames = new List<CanFrame>();
        using var reader = CanLogFiles.OpenReader(LogPath);
        while (reader.TryRead(out var frame)) frames.Add(frame);
        return frames;
    }

    /// <summary>A context with the drive applied up to <paramref name="untilSeconds"/> after the recording's start.</summary>
    public static VehicleContext Replay(long startNs, double untilSeconds = double.MaxValue)
    {
        var context = new VehicleContext(Map);
        foreach (var frame in Drive())
        {
            if ((frame.TimestampNs - startNs) / 1e9 > untilSeconds) break;
            context.Apply(frame);
        }
        return context;
    }
}
