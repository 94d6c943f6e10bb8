using EdgeAI.Can;
using EdgeAI.Can.Dbc;

namespace EdgeAI.DriveGen.Adlershof;

/// <summary>
/// The Adlershof drive: SUMO drove the car through Berlin-Adlershof among generated traffic and real signal programs
/// (tools/sumo/adlershof-drive.sh wrote <c>sumo/fcd.xml</c> and <c>sumo/tls-states.xml</c>, committed); this class
/// turns that into the CAN log (edgeai_demo.dbc, each message at its cycle time with jitter) and the GPS, step for step
/// from one vehicle model, so bus and GPS agree with each other and with SUMO. Deterministic: CI regenerates it and
/// compares with the committed files without SUMO.
/// </summary>
public static class AdlershofDrive
{
    /// <summary>The seed of the committed files.</summary>
    public const int DefaultSeed = 2026;

    /// <summary>The SUMO vehicle that is the ego car.</summary>
    public const string EgoVehicle = "ego";

    /// <summary>The scenario folder, relative to the repository root.</summary>
    public static readonly string Folder = Path.Combine("models", "scenarios", "adlershof-drive");

    /// <summary>State of charge at the start: too low to reach the destination above the 15 % reserve without charging.</summary>
    public const double StartSocPercent = 15.2;

    /// <summary>Recording start: Friday 2026-06-12, 11:52:30 in Berlin (09:52:30 UTC), just before lunch time.</summary>
    internal static readonly long StartNs = new DateTimeOffset(2026, 6, 12, 9, 52, 30, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    /// <summary>The VW ID.3 (Pro, 58 kWh) after SUMO's MMPEVEM parameters: mass, drag area, rolling resistance, pack, auxiliaries.</summary>
    internal static readonly VehicleParameters Id3 = new(1794, 0.26 * 2.36, 0.007, 58, 0.36, 0.88, 0.82, 15.5);

    /// <summary>The drive's frames in time order, all on channel 0.</summary>
    public static IEnumerable<CanFrame> Record(DbcDatabase database, string folder, int seed = DefaultSeed)
    {
        var (model, driver) = Model(folder, seed);
        return DriveRecorder.Record(model, driver.DurationSeconds, database, seed, StartNs);
    }

    /// <summary>The drive's NMEA 0183 text: one GGA and RMC per second.</summary>
    public static string Nmea(string folder, int seed = DefaultSeed)
    {
        var (model, driver) = Model(folder, seed);
        return NmeaWriter.Write(model, driver.DurationSeconds, StartNs);
    }

    /// <summary>The SUMO trace of the ego car.</summary>
    public static IReadOnlyList<(double Time, double Lat, double Lon, double HeadingDeg, double SpeedMps, string Lane)> Trace(string folder) =>
        FcdTrace.Read(Path.Combine(folder, "sumo", "fcd.xml"), EgoVehicle).Samples.Select(s => (s.Time, s.Lat, s.Lon, s.HeadingDeg, s.SpeedMps, s.Lane)).ToList();

    /// <summary>Log seconds of SUMO's first step (the car starts to roll then).</summary>
    public static double LogOffsetSeconds => TraceDriver.GetInSeconds;

    /// <summary>What happens when: (log seconds, what).</summary>
    public static IReadOnlyList<(double At, string What)> Timeline(string folder)
    {
        var trace = FcdTrace.Read(Path.Combine(folder, "sumo", "fcd.xml"), EgoVehicle);
        var driver = new TraceDriver(trace, ChargingStop(trace), ChargePowerKw);
        var events = new List<(double, string)> { (0, "parked: door, belt, READY"), (TraceDriver.GetInSeconds, "drive off") };
        var charge = ChargingStop(trace);
        foreach (var (from, to) in trace.Stops(2))
            events.Add((driver.LogTime(from), from == charge.From ? $"charging stop, {to - from:F0} s" : $"stop, {to - from:F0} s"));
        events.Add((driver.DurationSeconds - TraceDriver.ParkSeconds, "arrived: park, belt off, door open"));
        return events;
    }

    private static (VehicleModel, TraceDriver) Model(string folder, int seed)
    {
        var trace = FcdTrace.Read(Path.Combine(folder, "sumo", "fcd.xml"), EgoVehicle);
        var driver = new TraceDriver(trace, ChargingStop(trace), ChargePowerKw);
        var model = new VehicleModel(driver, Id3, seed, StartSocPercent);
        model.State.Latitude = trace.Samples[0].Lat;
        model.State.Longitude = trace.Samples[0].Lon;
        model.State.HeadingDeg = trace.Samples[0].HeadingDeg;
        model.State.SeatOccupied[1] = true; // a passenger, who asks the questions
        return (model, driver);
    }

    /// <summary>The trace's one long stop (SUMO's <c>&lt;stop parking="true"&gt;</c> at the charger).</summary>
    private static (double From, double To) ChargingStop(FcdTrace trace) =>
        trace.Stops(120).Single();

    /// <summary>A 150 kW DC charger into the ID.3's pack: about 100 kW up to 50 %, tapering to 40 kW at 80 % (assumed curve).</summary>
    internal static double ChargePowerKw(double socPercent) =>
        socPercent < 50 ? 100 : socPercent < 80 ? 100 - (socPercent - 50) * 2 : 40 - (socPercent - 80) * 1.5;
}
