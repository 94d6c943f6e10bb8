using EdgeAI.Drivers.Simulated;
using EdgeAI.Sensors;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Drivers.Sensors.Tests;

public sealed class SimulatedSensorTests
{
    [Fact]
    public async Task ScriptedGps_FromNmeaFile_DeliversEachFixWhenTheVirtualClockReachesIt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 7, 45, 0, TimeSpan.Zero));
        using var gps = ScriptedGpsSource.FromNmeaFile(Nmea.DataFile("adlershof-drive.nmea"), clock);
        await using var fixes = gps.ReadFixesAsync(TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);

        Assert.True(await fixes.MoveNextAsync());
        var first = fixes.Current;
        var next = fixes.MoveNextAsync();
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await next);
        Assert.Equal(first.TimestampNs + 1_000_000_000, fixes.Current.TimestampNs);
        Assert.Equal(90, gps.Fixes.Count);
        Assert.Equal(2, gps.SentencesRead);
        Assert.Equal(0, gps.SentencesSkipped);
    }

    [Fact]
    public void ScriptedClimate_FollowsItsScriptOnTheVirtualClock()
    {
        var start = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        using var sensor = new ScriptedCabinClimateSensor(
        [
            new CabinClimateReading(Nmea.Ns(start), 4.0, 80, 1013.2),
            new CabinClimateReading(Nmea.Ns(start.AddMinutes(5)), 19.5, 45, 1013.1),
        ], clock);

        Assert.Equal(4.0, sensor.Read().TemperatureC);
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(4.0, sensor.Read().TemperatureC);
        clock.Advance(TimeSpan.FromMinutes(1));
        var warm = sensor.Read();
        Assert.Equal(new CabinClimateReading(Nmea.Ns(start.AddMinutes(5)), 19.5, 45, 1013.1), warm);
    }

    [Fact]
    public void ScriptedClimate_OutOfOrderScript_IsRefusedNamingTheEntry()
    {
        var error = Assert.Throws<ArgumentException>(() => new ScriptedCabinClimateSensor(
            [new CabinClimateReading(10, 20, 40, 1000), new CabinClimateReading(5, 20, 40, 1000)], TimeProvider.System));
        Assert.StartsWith("climate script entry 1 is earlier than entry 0", error.Message);
    }
}
