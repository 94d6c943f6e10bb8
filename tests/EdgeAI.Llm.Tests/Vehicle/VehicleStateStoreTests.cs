using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.Can.Signals;
using EdgeAI.Llm.Vehicle;
using EdgeAI.TestKit;

namespace EdgeAI.Llm.Tests.Vehicle;

public sealed class VehicleStateStoreTests
{
    private static readonly string[] Signals =
    [
        VehicleSignals.Speed, VehicleSignals.Gear, VehicleSignals.DriveMode, VehicleSignals.ReadyToDrive,
        VehicleSignals.StateOfCharge, VehicleSignals.Range, VehicleSignals.EnergyConsumption, VehicleSignals.RemainingEnergy,
        VehicleSignals.CabinTemperature, VehicleSignals.OutsideTemperature, VehicleSignals.CabinSetpoint, VehicleSignals.FanLevel,
        VehicleSignals.AirConditioningOn, VehicleSignals.CabinHumidity, VehicleSignals.Latitude, VehicleSignals.Longitude,
        VehicleSignals.Odometer, VehicleSignals.TripDistance, VehicleSignals.ChargingState, VehicleSignals.CentralLock,
        VehicleSignals.DoorsOpen[0], VehicleSignals.DoorsOpen[3],
    ];

    /// <summary>The last frame of each message at or before <paramref name="at"/>, found by reading the log directly.</summary>
    private static (Dictionary<string, CanFrame> Last, long Start) LastFrames(DbcDatabase database, TimeSpan at)
    {
        var last = new Dictionary<string, CanFrame>();
        using var reader = CanLogFiles.OpenReader(RepoPaths.CityDriveLog);
        long start = long.MinValue;
        while (reader.TryRead(out var frame))
        {
            if (start == long.MinValue) start = frame.TimestampNs;
            if (frame.TimestampNs - start > (long)at.TotalMicroseconds * 1000) break;
            if (database.TryGetDecoder(in frame, out var decoder)) last[decoder.Message.Name] = frame;
        }
        return (last, start);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(12.5)]
    [InlineData(200.0)]
    [InlineData(654.0)]
    public void FromDrive_AtMoment_EqualsDecoderOnLastFrameOfEachMessage(double seconds)
    {
        var at = TimeSpan.FromSeconds(seconds);
        var database = DbcDatabase.Load(RepoPaths.DemoDbc);
        var (last, start) = LastFrames(database, at);

        var store = VehicleStateStore.FromDrive(RepoPaths.CityDriveLog, RepoPaths.DemoDbc, at);

        Assert.Equal(start + (long)at.TotalMicroseconds * 1000, store.NowNs);
        int seen = 0;
        foreach (var name in Signals)
        {
            string message = name[..name.IndexOf('.')];
            var reading = store.Read(name);
            if (!last.TryGetValue(message, out var frame))
            {
                Assert.Null(reading);
                Assert.Equal($"no {message} frame received yet", store.WhyUnavailable(name));
                continue;
            }
            var decoder = database.GetDecoder(message);
            var values = new double[decoder.SignalCount];
            decoder.Decode(in frame, values);
            int index = decoder.IndexOf(name[(name.IndexOf('.') + 1)..]);
            Assert.NotNull(reading);
            Assert.Equal(values[index], reading.Value.Value);
            Assert.Equal(frame.TimestampNs, reading.Value.TimestampNs);
            Assert.Equal(TimeSpan.FromTicks((store.NowNs - frame.TimestampNs) / 100), reading.Value.Age);
            Assert.Equal(decoder.TryGetLabel(index, values[index], out var label) ? label : null, reading.Value.Label);
            Assert.Null(store.WhyUnavailable(name));
            seen++;
        }
        if (seconds >= 12.5) Assert.Equal(Signals.Length, seen);
        else Assert.True(seen < Signals.Length, "at the first frame most messages have not been sent yet");
    }

    [Fact]
    public void FromDrive_MidDrive_TypedGettersReadTheNamedSignals()
    {
        var store = DriveFixture.Store;

        Assert.Equal(store.Read(VehicleSignals.Speed), store.Speed);
        Assert.Equal(store.Read(VehicleSignals.Range), store.Range);
        Assert.Equal(store.Read(VehicleSignals.Latitude), store.Latitude);
        Assert.Contains(store.Gear!.Value.Label, new[] { "P", "R", "N", "D" });
        Assert.InRange(store.StateOfCharge!.Value.Value, 0, 100);
        Assert.InRange(store.Latitude!.Value.Value, -90, 90);
        Assert.True(store.Speed!.Value.Age >= TimeSpan.Zero && store.Speed.Value.Age < TimeSpan.FromSeconds(1),
            $"speed is sent often; age {store.Speed.Value.Age}");
    }

    [Fact]
    public void Read_SignalNotInDbc_IsNullWithReason()
    {
        var store = DriveFixture.Store;

        Assert.Null(store.Read("VCU_Range.WarpFactor"));
        Assert.Equal("edgeai_demo.dbc has no signal VCU_Range.WarpFactor", store.WhyUnavailable("VCU_Range.WarpFactor"));
    }

    [Fact]
    public void Read_ClockMovesOn_AgeGrows()
    {
        var signals = new LatestSignalStore(DbcDatabase.Load(RepoPaths.DemoDbc));
        var decoder = signals.Database.GetDecoder("VCU_Range");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        long sentNs = clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
        signals.Update(decoder.EncodeFrame([321, 15.5, 40], sentNs));
        var store = new VehicleStateStore(signals, clock);

        clock.Advance(TimeSpan.FromSeconds(2.5));

        Assert.Equal(321, store.Range!.Value.Value);
        Assert.Equal(TimeSpan.FromSeconds(2.5), store.Range.Value.Age);
        Assert.Null(store.Speed);
    }

    [Fact]
    public void FromDrive_MissingDbc_ThrowsFileNotFound()
    {
        using var dir = new TempDirectory();

        Assert.Throws<FileNotFoundException>(() => VehicleStateStore.FromDrive(RepoPaths.CityDriveLog, dir.File("none.dbc"), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void FromDrive_MissingLog_ThrowsFileNotFound()
    {
        using var dir = new TempDirectory();

        Assert.Throws<FileNotFoundException>(() => VehicleStateStore.FromDrive(dir.File("none.log"), RepoPaths.DemoDbc, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void FromDrive_CorruptLog_ThrowsFormatErrorNamingFileAndLine()
    {
        using var dir = new TempDirectory();
        string log = dir.File("drive.log");
        File.WriteAllText(log, "(1778744530.000155) can0 0B0#0000000000000000\n(1778744530.000900) can0 0A0#NOTHEX\n");

        var e = Assert.Throws<CanLogFormatException>(() => VehicleStateStore.FromDrive(log, RepoPaths.DemoDbc, TimeSpan.FromSeconds(1)));

        Assert.Equal(2, e.Line);
        Assert.Contains("drive.log", e.Message);
    }

    [Fact]
    public void FromDrive_CorruptDbc_ThrowsDbcFormatError()
    {
        using var dir = new TempDirectory();
        string dbc = dir.File("broken.dbc");
        File.WriteAllText(dbc, "VERSION \"\"\n\nBO_ 177 ESP: 8 ESP\n SG_ Speed : zero|13@1+ (0.05,0) [0|300] \"km/h\" IC\n");

        var e = Assert.Throws<DbcFormatException>(() => VehicleStateStore.FromDrive(RepoPaths.CityDriveLog, dbc, TimeSpan.FromSeconds(1)));

        Assert.Contains("broken.dbc", e.Message);
    }
}
