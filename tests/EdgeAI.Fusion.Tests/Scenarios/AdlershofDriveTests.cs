using EdgeAI.Sensors;
using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.Drivers.Sensors.Nmea;
using EdgeAI.DriveGen.Adlershof;
using EdgeAI.Fusion.Context;
using EdgeAI.TestKit;

namespace EdgeAI.Fusion.Tests.Scenarios;

/// <summary>
/// The Adlershof drive (models/scenarios/adlershof-drive): SUMO's committed trace turned into CAN and GPS by DriveGen.
/// CI has no SUMO: it reruns the conversion and checks the committed files against it and against each other.
/// </summary>
public class AdlershofDriveTests
{
    private static string Folder => RepoPaths.Get(AdlershofDrive.Folder);

    [Fact]
    public void CanLogAndGps_AreWhatDriveGenWritesFromTheSumoRun()
    {
        var generated = AdlershofDrive.Record(DemoVehicle.Database, Folder).ToList();
        var committed = ReadLog();
        Assert.Equal(generated.Count, committed.Count);
        Assert.Equal(generated, committed);
        Assert.Equal(AdlershofDrive.Nmea(Folder), File.ReadAllText(Path.Combine(Folder, "gps.nmea")));
    }

    [Fact]
    public async Task GpsTrack_AgreesWithCanSpeedAndSumoPosition()
    {
        // Every GPS fix against the bus as the context decodes it at that moment, and against SUMO's trace.
        var frames = ReadLog();
        var context = DemoVehicle.NewContext();
        var trace = AdlershofDrive.Trace(Folder);
        int next = 0, fixes = 0, moving = 0;
        await foreach (var fix in new NmeaFileGpsSource(Path.Combine(Folder, "gps.nmea")).ReadFixesAsync(TestContext.Current.CancellationToken))
        {
            if (fix.Quality == GpsFixQuality.None || double.IsNaN(fix.SpeedMps)) continue;
            while (next < frames.Count && frames[next].TimestampNs <= fix.TimestampNs) context.Apply(frames[next++]);
            var canKph = context.Read("Vehicle.Speed").Value;
            Assert.InRange(Math.Abs(fix.SpeedMps * 3.6 - canKph), 0, 1.0);
            double logSeconds = (fix.TimestampNs - frames[0].TimestampNs) / 1e9;
            var sumo = trace.MinBy(s => Math.Abs(s.Time - trace[0].Time + AdlershofDrive.LogOffsetSeconds - logSeconds));
            if (Math.Abs(sumo.Time - trace[0].Time + AdlershofDrive.LogOffsetSeconds - logSeconds) < 0.6)
                Assert.InRange(Distance(fix.Latitude, fix.Longitude, sumo.Lat, sumo.Lon), 0, 1.0);
            if (fix.SpeedMps > 3)
            {
                moving++;
                Assert.InRange(Math.Abs(((fix.HeadingDeg - sumo.HeadingDeg + 540) % 360) - 180), 0, 2);
            }
            fixes++;
        }
        Assert.InRange(fixes, 550, 700);
        Assert.True(moving > 150, $"only {moving} fixes while moving");
    }

    [Fact]
    public void Drive_ChargesOnceAndStartsBelowWhatTheTripNeeds()
    {
        var frames = ReadLog();
        var context = DemoVehicle.NewContext();
        double firstSoc = double.NaN, minSoc = 100, maxPower = 0;
        bool charged = false;
        foreach (var frame in frames)
        {
            context.Apply(frame);
            var soc = context.Read("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed");
            if (soc.IsValid) { if (double.IsNaN(firstSoc)) firstSoc = soc.Value; minSoc = Math.Min(minSoc, soc.Value); }
            if (context.Read("Vehicle.Powertrain.TractionBattery.Charging.IsCharging") is { IsValid: true, Value: 1 }) charged = true;
            maxPower = Math.Max(maxPower, context.Read("Vehicle.Powertrain.TractionBattery.Charging.ChargeRate").Value is var p && double.IsFinite(p) ? p : 0);
        }
        Assert.InRange(firstSoc, 15.0, 16.5);
        Assert.True(charged);
        Assert.InRange(maxPower, 80, 150);
        Assert.InRange(context.Read("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed").Value, 20, 35);
        Assert.InRange(minSoc, 14.5, 15.3); // it reaches the charger just under the 15 % reserve
    }

    [Fact]
    public void ScenarioJson_ServicesSection_NamesTheRegionFeedsAndTrip()
    {
        var scenario = EdgeAI.Fusion.Scenarios.Scenario.Load(Folder);
        var services = Assert.IsType<EdgeAI.Fusion.Scenarios.ScenarioServices>(scenario.Services);
        Assert.Equal("sumo-adlershof", services.Region);
        foreach (var path in new[] { services.Pois, services.ParkingFeed, services.ChargerFeed, services.TrafficFeed, services.Spat, services.Intersections })
            Assert.True(File.Exists(path), path);
        Assert.Equal("52.435970,13.542850", services.Destination);
        Assert.Equal(15, services.ReservePercent);
        Assert.Null(EdgeAI.Fusion.Scenarios.Scenario.Load(RepoPaths.Get("models", "scenarios", "city-drive")).Services);
    }

    private static List<CanFrame> ReadLog()
    {
        var frames = new List<CanFrame>();
        using var reader = CanLogFiles.OpenReader(Path.Combine(Folder, "can.log.gz"));
        while (reader.TryRead(out var frame)) frames.Add(frame);
        return frames;
    }

    private static double Distance(double lat1, double lon1, double lat2, double lon2)
    {
        double dLat = (lat2 - lat1) * 111_320, dLon = (lon2 - lon1) * 111_320 * Math.Cos(lat1 * Math.PI / 180);
        return Math.Sqrt(dLat * dLat + dLon * dLon);
    }
}
