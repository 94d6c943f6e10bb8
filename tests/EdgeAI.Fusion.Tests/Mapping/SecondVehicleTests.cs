using System.Globalization;
using EdgeAI.Can.Dbc;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Derived;
using EdgeAI.Fusion.Mapping;
using EdgeAI.TestKit;
using static EdgeAI.Fusion.Tests.TeslaVehicle;

namespace EdgeAI.Fusion.Tests.Mapping;

/// <summary>
/// A second vehicle proves nothing is tied to the demo DBC: a Tesla Model 3 map over opendbc's DBC, replayed from
/// models/scenarios/tesla-model3-short/can.log.gz. The expected numbers are the drive script's (tools/EdgeAI.DriveGen
/// TeslaModel3/TeslaDriveScript.cs), written here by hand, not the context's own output.
/// </summary>
public sealed class SecondVehicleTests
{
    /// <summary>The recording's clock origin: 2026-06-02 15:20:00 UTC; script times count from here.</summary>
    private static readonly long StartNs = new DateTimeOffset(2026, 6, 2, 15, 20, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    [Fact]
    public void TeslaMap_LoadsAgainstTheTeslaDbc_WithTheDemosKeyNamesForTheSameQuantities()
    {
        Assert.Equal(Path.GetFullPath(DbcPath), Map.DbcPath);
        var demoKeys = DemoVehicle.Map.Entries.Select(e => e.Key).ToHashSet();
        var vssKeys = Map.Entries.Where(e => e.Key.StartsWith("Vehicle.", StringComparison.Ordinal)).Select(e => e.Key).ToList();
        Assert.True(vssKeys.Count >= 20, $"only {vssKeys.Count} VSS keys");
        Assert.All(vssKeys, key => Assert.Contains(key, demoKeys));

        var speed = Map.Entries.Single(e => e.Key == ContextKeys.Speed);
        Assert.Equal(("DI_speed", "DI_vehicleSpeed", "km/h"), (speed.Message, speed.Signal, speed.Unit));
        Assert.Equal(60_000_000, speed.StaleAfterNs); // 3 x the 20 ms period; the DBC has no GenMsgCycleTime
        var gear = Map.Entries.Single(e => e.Key == ContextKeys.Gear);
        Assert.Equal(["P", "R", "N", "D"], new long[] { 1, 2, 3, 4 }.Select(raw => gear.Labels[raw]));
        Assert.Equal(-1, Map.Entries.Single(e => e.Key == ContextKeys.SteeringAngle).Scale); // Tesla: + right, VSS: + left
        Assert.Empty(Map.E2E);
    }

    [Fact]
    public void TeslaDbc_IsOpendbcsVehicleDbcPlusDiSpeedFromItsPartyDbc()
    {
        string upstream = File.ReadAllText(RepoPaths.Get("tests", "EdgeAI.Can.Tests", "Corpus", "opendbc", "tesla_model3_vehicle.dbc"));
        string ours = File.ReadAllText(DbcPath);
        // DI_speed went in after the last message, before the value tables, with a blank line of its own.
        string withoutSpeed = string.Join('\n', ours.Split('\n').Where(l => !IsDiSpeedLine(l)));
        Assert.Equal(upstream, withoutSpeed.Replace("Receiver\n\n\nVAL_", "Receiver\n\nVAL_", StringComparison.Ordinal));
        Assert.Equal(10, ours.Split('\n').Count(IsDiSpeedLine)); // BO_, 5 SG_, 3 VAL_, CM_

        var file = DbcFile.Load(DbcPath);
        Assert.Equal(12, file.Messages.Count);
        Assert.All(file.Messages, m => Assert.Null(m.CycleTimeMs));
        Assert.Empty(file.SeriousWarnings);
        Assert.Empty(file.Warnings);
    }

    private static bool IsDiSpeedLine(string line) =>
        line.StartsWith("BO_ 599 ", StringComparison.Ordinal) || line.StartsWith("VAL_ 599 ", StringComparison.Ordinal)
        || line.StartsWith("CM_ BO_ 599 ", StringComparison.Ordinal) || line.StartsWith(" SG_ DI_uiSpeed", StringComparison.Ordinal)
        || line.StartsWith(" SG_ DI_vehicleSpeed ", StringComparison.Ordinal) || line.StartsWith(" SG_ DI_speed", StringComparison.Ordinal);

    [Theory]
    [InlineData(1, DrivePhase.Parked)]             // in P, not ready
    [InlineData(11, DrivePhase.Ready)]             // ready at 10 s, still in P
    [InlineData(13, DrivePhase.StoppedInTraffic)]  // D at 12 s, brake held, not yet moving
    [InlineData(20, DrivePhase.Moving)]            // 25 km/h
    [InlineData(68, DrivePhase.StoppedInTraffic)]  // stopped at 62 s in D
    [InlineData(88, DrivePhase.Moving)]            // 40 km/h
    [InlineData(108, DrivePhase.StoppedInTraffic)] // stopped at 103 s in D
    [InlineData(119, DrivePhase.Parked)]           // P at 113 s, not ready at 114 s
    public void TeslaDrive_Phase_FollowsTheScript(double seconds, DrivePhase phase) =>
        Assert.Equal(phase, Replay(StartNs, seconds).Drive.Phase);

    [Fact]
    public void TeslaDrive_Events_AreTheScriptsDriverActionsAtTheirTimes()
    {
        // (script time s, event): indicators read "off" 1.5 s after the stalk's request ends (DriveObserver's hold);
        // "moving off" once above 2 km/h and "stopped" once below 0.1 km/h: at 5 km/h per s and with DI_vehicleSpeed's
        // 0.08 km/h step, 2.04 km/h is 0.408 s after a standstill and 0.08 km/h (under 0.12) 0.024 s before one.
        (double At, string Text)[] expected =
        [
            (2.0, "driver door open"),
            (5.0, "all doors closed"),
            (7.0, "driver belt buckled"),
            (12.0, "gear P -> D"),
            (15.408, "moving off"),
            (31.0, "left indicator on"),
            (41.5, "left indicator off"),
            (61.976, "stopped"),
            (74.408, "moving off"),
            (92.0, "right indicator on"),
            (100.5, "right indicator off"),
            (102.976, "stopped"),
            (113.0, "gear D -> P"),
            (115.5, "driver belt unbuckled"),
            (117.0, "driver door open"),
        ];
        var events = Replay(StartNs).Drive.Events;
        Assert.Equal(expected.Select(e => e.Text), events.Select(e => e.Text));
        for (int i = 0; i < expected.Length; i++)
        {
            double at = (events[i].TimeNs - StartNs) / 1e9;
            // Body messages come every 100 ms, the belt's page of VCLEFT_switchStatus every 100 ms, DI_* every 10-20 ms.
            Assert.True(at >= expected[i].At - 0.01 && at <= expected[i].At + 0.12,
                string.Create(CultureInfo.InvariantCulture, $"{expected[i].Text}: at {at:F3} s, script {expected[i].At} s"));
        }
    }

    [Theory]
    [InlineData(28, 50)]  // cruising 25-33 s
    [InlineData(39, 30)]  // turning 37-41 s
    [InlineData(48, 50)]  // 45-52 s
    [InlineData(68, 0)]   // stopped 62-74 s
    [InlineData(88, 40)]  // 82-95 s
    [InlineData(108, 0)]  // stopped 103-113 s
    public void TeslaDrive_SpeedWhileHolding_IsTheScriptsExactly(double seconds, double kph)
    {
        var speed = Replay(StartNs, seconds).Read(ContextKeys.Speed);
        Assert.Equal(ContextQuality.Valid, speed.Quality);
        Assert.Equal(kph, speed.Value, 1e-9);
    }

    [Theory]
    [InlineData(20)] // 0 -> 50 km/h over 15-25 s
    [InlineData(57)] // 50 -> 0 km/h over 52-62 s
    [InlineData(78)] // 0 -> 40 km/h over 74-82 s
    public void TeslaDrive_SpeedOnARamp_IsTheScriptsWithinTheDbcsResolution(double seconds)
    {
        var speed = Replay(StartNs, seconds).Read(ContextKeys.Speed);
        double t = (speed.TimeNs - StartNs) / 1e9;
        double script = t < 25 ? 5 * (t - 15) : t < 62 ? 50 - 5 * (t - 52) : 5 * (t - 74);
        Assert.Equal(script, speed.Value, 0.04 + 1e-9); // DI_vehicleSpeed steps 0.08 km/h
    }

    [Fact]
    public void TeslaDrive_SteeringInTheLeftTurn_IsPositiveAsVssHasIt()
    {
        var context = Replay(StartNs, 39);
        Assert.Equal(90, context.Read(ContextKeys.SteeringAngle).Value, 1e-6); // held 38.5-39.5 s
        context = Replay(StartNs, 38);
        Assert.Equal(60, context.Read(ContextKeys.SteeringRate).Value, 1e-6);  // 0 -> 90 degrees over 37-38.5 s
        Assert.True(context.Read(ContextKeys.IndicatorLeft).IsSet);
        Assert.Equal(16, context.Read(ContextKeys.Accelerator).Value, 1e-9);       // holding 30 km/h through the turn
    }

    [Fact]
    public void TeslaDrive_KeysTheDbcLacks_AreAbsentNotInvented()
    {
        var context = Replay(StartNs, 60);
        foreach (string key in new[] { ContextKeys.StateOfCharge, ContextKeys.Range, ContextKeys.RemainingEnergy, ContextKeys.IsCharging,
                     ContextKeys.Odometer, ContextKeys.ParkingBrake, ContextKeys.OutsideTemperature, ContextKeys.CabinTemperature, ContextKeys.Brake })
            Assert.Equal(-1, context.IndexOf(key));
        Assert.True(context.Read(ContextKeys.TripDistance).Value > 0); // integrated from speed, as there is no odometer
    }
}
