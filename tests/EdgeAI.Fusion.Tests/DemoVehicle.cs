using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Mapping;
using EdgeAI.TestKit;

namespace EdgeAI.Fusion.Tests;

/// <summary>The demo vehicle's DBC and signal map, and frames encoded with the DBC from values written in a test.</summary>
internal static class DemoVehicle
{
    public static readonly long T0 = new DateTimeOffset(2026, 5, 14, 7, 42, 10, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    public static string MapPath => RepoPaths.Get("models", "vehicle", "edgeai_demo.signals.json");

    public static DbcDatabase Database { get; } = DbcDatabase.Load(RepoPaths.DemoDbc);

    public static SignalMap Map { get; } = SignalMap.Load(MapPath, Database);

    public static VehicleContext NewContext(TimeZoneInfo? zone = null) => new(Map, Database, zone);

    /// <summary>A frame of <paramref name="message"/> at <paramref name="seconds"/> after <see cref="T0"/>, its other
    /// signals zero.</summary>
    public static CanFrame Frame(string message, double seconds, params (string Signal, double Value)[] values)
    {
        var decoder = Database.GetDecoder(message);
        var physical = new double[decoder.SignalCount];
        foreach (var (signal, value) in values)
        {
            int index = decoder.IndexOf(signal);
            if (index < 0) throw new ArgumentException($"{message} has no {signal}");
            physical[index] = value;
        }
        return decoder.EncodeFrame(physical, T0 + (long)Math.Round(seconds * 1e9));
    }

    /// <summary>Every frame of the bundled drive.</summary>
    public static List<CanFrame> CityDrive()
    {
        var frames = new List<CanFrame>();
        using var reader = CanLogFiles.OpenReader(RepoPaths.CityDriveLog);
        while (reader.TryRead(out var frame)) frames.Add(frame);
        return frames;
    }
}
