using System.Globalization;
using System.Text.RegularExpressions;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Derived;
using EdgeAI.TestKit;
using static EdgeAI.Fusion.Tests.DemoVehicle;

namespace EdgeAI.Fusion.Tests.Derived;

/// <summary>Derived state: on the bundled drive against what its recorder wrote, and on frames written in the test.</summary>
public sealed partial class DriveObserverTests
{
    [GeneratedRegex(@"^\s+(\d+\.\d) s   (.+)$")]
    private static partial Regex EventLine();

    private static VehicleContext Replay(double untilSeconds = double.MaxValue)
    {
        var context = NewContext(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        var frames = CityDrive();
        long first = frames[0].TimestampNs;
        foreach (var frame in frames)
        {
            if ((frame.TimestampNs - first) / 1e9 > untilSeconds) break;
            context.Apply(frame);
        }
        return context;
    }

    [Fact]
    public void BundledDrive_Events_AreTheDemosRecordedTimeline()
    {
        // The golden timeline was recorded from the demo's dashboard before the events moved into Fusion.
        var expected = File.ReadLines(RepoPaths.Get("tests", "EdgeAI.Cli.Tests", "Demo", "Golden", "demo-city-drive.txt"))
            .Select(l => EventLine().Match(l)).Where(m => m.Success).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").ToList();
        var context = Replay();
        long first = CityDrive()[0].TimestampNs;
        var actual = context.Drive.Events.Select(e => string.Create(CultureInfo.InvariantCulture, $"{(e.TimeNs - first) / 1e9:F1} {e.Text}")).ToList();
        Assert.True(expected.Count > 30);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(5, DrivePhase.Parked)]            // doors and belt, not yet ready
    [InlineData(30, DrivePhase.Moving)]
    [InlineData(60, DrivePhase.StoppedInTraffic)] // stopped at 51.9 s in D
    [InlineData(120, DrivePhase.Moving)]
    public void BundledDrive_Phase(double seconds, DrivePhase phase) => Assert.Equal(phase, Replay(seconds).Drive.Phase);

    [Fact]
    public void BundledDrive_Trip_AgreesWithTheClustersTripMeterAndTheVcusConsumption()
    {
        var context = Replay();
        double trip = context.Read(ContextKeys.TripDistance).Value;
        double cluster = context.Read("EdgeAI.Trip.DisplayedDistance").Value; // IC_Odometer.TripDistance, its own counter
        Assert.InRange(trip, 3, 50);
        Assert.Equal(cluster, trip, 0.15);
        double rolling = context.Read(ContextKeys.TripConsumption).Value;
        double vcu = context.Read("EdgeAI.Powertrain.EnergyConsumption").Value;
        Assert.InRange(rolling, vcu * 0.5, vcu * 2);
        Assert.True(context.Read(ContextKeys.TripEnergy).Value > 0);
    }

    [Fact]
    public void Workload_FollowsTheDocumentedFormula_RisesAtOnceFallsWithFourSecondConstant()
    {
        var context = NewContext();
        context.Apply(Frame("BCM_Lighting", 0, ("TurnIndicatorLeft", 1)));
        context.Apply(Frame("ESP_VehicleDynamics", 0, ("VehicleSpeed", 130)));
        Assert.Equal(0.30 + 0.10, context.Drive.Workload, 9);           // speed 130 km/h, indicator on

        context.Apply(Frame("BCM_Lighting", 10, ("TurnIndicatorLeft", 0)));
        context.Apply(Frame("ESP_VehicleDynamics", 10, ("VehicleSpeed", 130)));
        Assert.Equal(0.30 + 0.10 * Math.Exp(-10 / 4.0), context.Drive.Workload, 9);

        context.Apply(Frame("ESP_VehicleDynamics", 10, ("VehicleSpeed", 130), ("BrakePedalPosition", 30)));
        Assert.Equal(0.30 + 0.15 * 0.5, context.Drive.Workload, 2);     // brake 30 % of 60; rises at once
    }

    [Fact]
    public void Workload_AnAlertFromTheDriverMonitor_AddsAQuarterForTenSeconds()
    {
        var context = NewContext();
        context.Apply(Frame("ESP_VehicleDynamics", 0, ("VehicleSpeed", 0)));
        context.ApplyAttention(T0 + 1_000_000_000, DriverAttention.Alert, 0.3);
        Assert.Equal(0.25, context.Drive.Workload, 9);
        context.ApplyAttention(T0 + 1_500_000_000, DriverAttention.Attentive, 1);
        context.Apply(Frame("ESP_VehicleDynamics", 11, ("VehicleSpeed", 0)));
        Assert.Equal(0.25, context.Drive.Workload, 9);                   // 10 s after the alert: still within
        context.Apply(Frame("ESP_VehicleDynamics", 11.2, ("VehicleSpeed", 0)));
        Assert.Equal(0.25 * Math.Exp(-0.2 / 4), context.Drive.Workload, 9);
    }

    [Fact]
    public void Manoeuvring_InReverse_AndTurningAtSpeed()
    {
        var context = NewContext();
        context.Apply(Frame("VCU_DriveState", 0, ("GearPosition", 1), ("ReadyToDrive", 1)));
        context.Apply(Frame("EPS_Steering", 0, ("SteeringAngle", 30)));
        context.Apply(Frame("ESP_VehicleDynamics", 0, ("VehicleSpeed", 4)));
        Assert.True(context.Read(ContextKeys.Manoeuvring).IsSet);
        Assert.False(context.Read(ContextKeys.Turning).IsSet);

        context.Apply(Frame("VCU_DriveState", 1, ("GearPosition", 3), ("ReadyToDrive", 1)));
        context.Apply(Frame("EPS_Steering", 1, ("SteeringAngle", -90)));
        context.Apply(Frame("ESP_VehicleDynamics", 1, ("VehicleSpeed", 25)));
        Assert.False(context.Read(ContextKeys.Manoeuvring).IsSet);
        Assert.True(context.Read(ContextKeys.Turning).IsSet);
    }

    [Fact]
    public void Phase_ChargingWinsOverEverythingElse()
    {
        var context = NewContext();
        context.Apply(Frame("VCU_DriveState", 0, ("GearPosition", 0), ("ReadyToDrive", 0)));
        Assert.Equal(DrivePhase.Parked, context.Drive.Phase);
        context.Apply(Frame("OBC_ChargingStatus", 1, ("ChargingState", 2), ("ChargePower", 50)));
        Assert.Equal(DrivePhase.Charging, context.Drive.Phase);
        Assert.Equal("Charging", context.Snapshot()[ContextKeys.Phase]!.Label);
    }

    [Theory]
    [InlineData(7, 42, "Europe/Berlin", TimeOfDay.Morning)]  // 09:42 CEST
    [InlineData(10, 30, "Europe/Berlin", TimeOfDay.Midday)]  // 12:30 CEST
    [InlineData(10, 30, "UTC", TimeOfDay.Morning)]
    [InlineData(21, 0, "Europe/Berlin", TimeOfDay.Night)]    // 23:00 CEST
    public void TimeOfDay_IsTheZonesLocalClock(int hourUtc, int minute, string zone, TimeOfDay expected)
    {
        var context = NewContext(TimeZoneInfo.FindSystemTimeZoneById(zone));
        long t = new DateTimeOffset(2026, 5, 14, hourUtc, minute, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        context.Apply(Frame("ESP_VehicleDynamics", (t - T0) / 1e9, ("VehicleSpeed", 0)));
        Assert.Equal(expected.ToString(), context.Snapshot()[ContextKeys.TimeOfDay]!.Label);
    }

    [Theory]
    // seconds, turning, manoeuvring, raining: moments of the drive script (dotnet run --project tools/EdgeAI.DriveGen prints it)
    [InlineData(60, false, false, false)]   // waiting at a red light
    [InlineData(125, true, false, false)]   // "turn right" 124-131 s (wheel at 180 degrees)
    [InlineData(350, false, false, true)]   // "fast road" 319-442 s, wipers on from 330 s
    [InlineData(400, false, false, false)]  // still the fast road, wipers off at 390 s
    [InlineData(450, true, false, false)]   // "exit the fast road" 442-460 s (wheel at 60 degrees)
    [InlineData(625, true, true, false)]    // "reverse into the spot" 624-630 s
    public void BundledDrive_ManoeuvresAndRain_AtTheScriptsMoments(double seconds, bool turning, bool manoeuvring, bool raining)
    {
        var context = Replay(seconds);
        Assert.Equal(turning, context.Read(ContextKeys.Turning).IsSet);
        Assert.Equal(manoeuvring, context.Read(ContextKeys.Manoeuvring).IsSet);
        Assert.Equal(raining, context.Read(ContextKeys.Raining).IsSet);
        Assert.True(context.Read(ContextKeys.Dark).IsSet); // the drive runs with dipped beam throughout
        Assert.Equal("Morning", context.Snapshot()[ContextKeys.TimeOfDay]!.Label); // 09:42-09:53 in Berlin
    }

    [Fact]
    public void BundledDrive_Workload_HigherTurningThanWaitingOrCruising()
    {
        double waiting = Replay(60).Drive.Workload, turning = Replay(125).Drive.Workload, cruising = Replay(400).Drive.Workload;
        Assert.InRange(waiting, 0, 0.1);
        Assert.True(turning > cruising && cruising > waiting, $"waiting {waiting:F3}, turning {turning:F3}, cruising {cruising:F3}");
    }
}
