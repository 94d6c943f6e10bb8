using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.E2E;
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

    public static VehicleContext NewContext(TimeZoneInfo? zone = null) => new(Map, zone);

    // Alive counters per protected message, per test thread (a test's frames count up; parallel tests do not interfere).
    [ThreadStatic] private static Dictionary<string, int>? _counters;

    /// <summary>A frame of <paramref name="message"/> at <paramref name="seconds"/> after <see cref="T0"/>, its other
    /// signals zero; a message the map protects gets the next alive counter and its checksum, as its ECU would send it.</summary>
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
        long time = T0 + (long)Math.Round(seconds * 1e9);
        if (Map.E2E.FirstOrDefault(d => d.Message == message) is not { } declaration) return decoder.EncodeFrame(physical, time);
        var checker = new E2EChecker(decoder, declaration.ToSpec());
        _counters ??= [];
        int counter = _counters.GetValueOrDefault(message);
        _counters[message] = (counter + 1) % checker.CounterModulus;
        if (declaration.CounterSignal is { } counterSignal) physical[decoder.IndexOf(counterSignal)] = counter;
        var frame = decoder.EncodeFrame(physical, time);
        Span<byte> data = stackalloc byte[frame.Length];
        frame.Data.CopyTo(data);
        checker.Protect(data);
        return new CanFrame(frame.Id, data, frame.Flags, frame.TimestampNs, frame.Channel);
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
