using EdgeAI.Can;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Mapping;
using EdgeAI.Sensors;
using EdgeAI.TestKit;
using static EdgeAI.Fusion.Tests.DemoVehicle;

namespace EdgeAI.Fusion.Tests.Context;

/// <summary>The context from frames encoded in the test: values, quality, staleness, plausibility, GPS preference.</summary>
public sealed class VehicleContextTests
{
    private static long At(double seconds) => T0 + (long)Math.Round(seconds * 1e9);

    [Fact]
    public void Apply_SpeedFrame_KeyReadsThePhysicalValue_FreshThenStaleAfterThreeCycles()
    {
        var context = NewContext();
        Assert.True(context.Apply(Frame("ESP_VehicleDynamics", 1.0, ("VehicleSpeed", 61.7))));
        int speed = context.IndexOf(ContextKeys.Speed);

        var fresh = context.Read(speed, At(1.060));
        Assert.Equal(61.7, fresh.Value, 9);
        Assert.Equal(ContextQuality.Valid, fresh.Quality);
        Assert.Equal(KeySource.Can, fresh.Source);
        Assert.Equal(60_000_000, fresh.AgeNs);
        Assert.Equal(ContextQuality.Stale, context.Read(speed, At(1.061)).Quality);
    }

    [Fact]
    public void Read_KeyWithoutFrames_IsNeverSeen()
    {
        var context = NewContext();
        context.Apply(Frame("ESP_VehicleDynamics", 1.0, ("VehicleSpeed", 10)));
        var soc = context.Read(ContextKeys.StateOfCharge);
        Assert.Equal(ContextQuality.NeverSeen, soc.Quality);
        Assert.True(double.IsNaN(soc.Value));
    }

    [Fact]
    public void Apply_FlagsAndLabels_FollowTheMapsTrueValuesAndLabels()
    {
        var context = NewContext();
        context.Apply(Frame("ACU_Occupancy", 1.0, ("SeatBelt_Driver", 2), ("SeatOccupancy_Driver", 2))); // belt Fault, a child
        Assert.False(context.Read("Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted").IsSet);
        Assert.True(context.Read("Vehicle.Cabin.Seat.Row1.DriverSide.IsOccupied").IsSet);
        context.Apply(Frame("VCU_DriveState", 1.1, ("GearPosition", 1)));
        var snapshot = context.Snapshot();
        Assert.Equal("R", snapshot[ContextKeys.Gear]!.Label);
    }

    [Fact]
    public void Apply_ValueOutsideTheMapsRange_IsImplausible()
    {
        var context = NewContext();
        // The map gives the outside temperature [-40, 60] degC; the DBC allows up to 87.5.
        context.Apply(Frame("HVAC_Climate", 1.0, ("OutsideTemperature", 70)));
        var reading = context.Read(ContextKeys.OutsideTemperature);
        Assert.Equal(70, reading.Value);
        Assert.Equal(ContextQuality.Implausible, reading.Quality);
        context.Apply(Frame("HVAC_Climate", 2.0, ("OutsideTemperature", 21.5)));
        Assert.Equal(ContextQuality.Valid, context.Read(ContextKeys.OutsideTemperature).Quality);
    }

    [Fact]
    public void Position_GpsIsPreferredWhileFresh_CanTakesOverTwoSecondsAfterTheLastFix()
    {
        var context = NewContext();
        context.Apply(Frame("TCU_Position", 1.0, ("Latitude", 48.1), ("Longitude", 11.5)));
        Assert.Equal(KeySource.Can, context.Read(ContextKeys.Latitude).Source);

        context.Apply(new GpsFix(At(2.0), 52.4300, 13.5300, 40, 10, 90, GpsFixQuality.Fix3D, 0.9, 9));
        context.Apply(Frame("TCU_Position", 3.0, ("Latitude", 48.2), ("Longitude", 11.6)));
        var lat = context.Read(ContextKeys.Latitude);
        Assert.Equal((52.43, KeySource.Gps), (lat.Value, lat.Source));
        Assert.Equal(2, context.CanPositionsSkipped);
        Assert.Equal(36.0, context.Read(ContextKeys.GpsSpeed).Value, 9);
        Assert.Equal("Fix3D", context.Snapshot()[ContextKeys.GpsQuality]!.Label);

        context.Apply(Frame("TCU_Position", 4.5, ("Latitude", 48.3), ("Longitude", 11.7)));
        lat = context.Read(ContextKeys.Latitude);
        Assert.Equal(KeySource.Can, lat.Source);
        Assert.Equal(48.3, lat.Value, 5);
    }

    [Fact]
    public void GpsFix_WithoutPosition_UpdatesOnlyTheFixQuality()
    {
        var context = NewContext();
        context.Apply(new GpsFix(At(1), double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, GpsFixQuality.None, double.NaN, 0));
        Assert.Equal("None", context.Snapshot()[ContextKeys.GpsQuality]!.Label);
        Assert.Equal(ContextQuality.NeverSeen, context.Read(ContextKeys.Latitude).Quality);
    }

    [Fact]
    public void CabinSensorAndDriverMonitor_HaveTheirOwnKeysAndSources()
    {
        var context = NewContext();
        context.Apply(new CabinClimateReading(At(1), 22.5, 41, 1009.2));
        context.ApplyAttention(At(1.5), DriverAttention.Alert, 0.4);
        Assert.Equal((22.5, KeySource.Sensor), (context.Read(ContextKeys.SensorCabinTemperature).Value, context.Read(ContextKeys.SensorCabinTemperature).Source));
        Assert.Equal("Alert", context.Snapshot()[ContextKeys.Attention]!.Label);
        Assert.Equal(ContextQuality.Stale, context.Read(context.IndexOf(ContextKeys.Awareness), At(3.6)).Quality); // camera keys: 2 s
    }

    [Fact]
    public void Apply_SteadyState_AllocatesNothingPerFrame()
    {
        var frames = CityDrive();
        var context = NewContext(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        long first = frames[0].TimestampNs;
        // 342..358 s of the bundled drive: motorway, no driver event in it (see the demo's golden timeline).
        int warm = frames.FindIndex(f => f.TimestampNs - first >= 342_000_000_000);
        int end = frames.FindIndex(f => f.TimestampNs - first >= 358_000_000_000);
        for (int i = 0; i < warm; i++) context.Apply(frames[i]);
        int events = context.Drive.Events.Count;

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = warm; i < end; i++) context.Apply(frames[i]);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(events, context.Drive.Events.Count);
        Assert.True(end - warm > 5000, $"{end - warm} frames");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void SnapshotPublisher_PublishesOncePerPeriodOfInputTime()
    {
        var context = NewContext();
        var publisher = new SnapshotPublisher(context, TimeSpan.FromMilliseconds(100));
        for (int i = 0; i < 50; i++)
        {
            context.Apply(Frame("ESP_VehicleDynamics", i * 0.02, ("VehicleSpeed", i)));
            publisher.Observe();
        }
        Assert.Equal(10, publisher.Published); // 0..0.98 s: at 0, 0.1, ..., 0.9
        Assert.Equal(45, publisher.Latest![ContextKeys.Speed]!.Reading.Value, 9);
    }
}
