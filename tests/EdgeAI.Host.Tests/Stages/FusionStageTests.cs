using System.Threading.Channels;
using EdgeAI.Assistant.Drive;
using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Mapping;
using EdgeAI.Host.Pipeline;
using EdgeAI.Host.Stages;
using EdgeAI.Sensors;
using EdgeAI.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAI.Host.Tests.Stages;

/// <summary>
/// Fusion on the real drive's frames (and a cabin sensor's reading), then a bus that goes quiet (bus-off): it keeps ticking on the clock, so the
/// snapshots the assistant gets show the CAN keys going stale, and the suggestions that need them are held.
/// </summary>
public sealed class FusionStageTests
{
    [Fact]
    public async Task BusGoesQuiet_FusionStillTicks_AndTheKeysGoStale()
    {
        var map = SignalMap.Load(RepoPaths.Get("models", "vehicle", "edgeai_demo.signals.json"), DbcDatabase.Load(RepoPaths.DemoDbc));
        var context = new VehicleContext(map, TimeZoneInfo.Utc);
        var frames = new List<CanFrame>();
        using (var reader = CanLogFiles.OpenReader(RepoPaths.CityDriveLog))
            while (reader.TryRead(out var frame) && (frames.Count == 0 || frame.TimestampNs - frames[0].TimestampNs < 1_000_000_000)) frames.Add(frame);
        long t0 = frames[0].TimestampNs;

        var clock = new DriveClock(TimeProvider.System, 1);
        var can = new StageChannel<CanFrame>("can", 8192, BoundedChannelFullMode.Wait);
        var snapshots = new StageChannel<ContextSnapshot>("snapshots", 64, BoundedChannelFullMode.Wait);
        // The cabin sensor's reading half a second into the drive (the sensors stage stamps it with the drive's time).
        var climate = new StageChannel<CabinClimateReading>("climate", 4, BoundedChannelFullMode.DropOldest);
        climate.TryWrite(new CabinClimateReading(t0 + 500_000_000, 25.08, 41.5, 1006.53));
        var fusion = new FusionStage(new StageHealth("fusion", TimeSpan.FromSeconds(5), TimeProvider.System), NullLogger.Instance, context, clock, can,
            new StageChannel<GpsFix>("gps", 4, BoundedChannelFullMode.DropOldest), new StageChannel<AttentionSample>("attention", 4, BoundedChannelFullMode.DropOldest),
            snapshots, new StageChannel<TimelineEvent>("events", 256, BoundedChannelFullMode.DropOldest), TimeSpan.FromSeconds(0.5))
        {
            Climate = climate,
        };

        clock.Anchor(t0);
        await fusion.StartAsync(TestContext.Current.CancellationToken);
        // One second of the drive, then nothing: the bus is off.
        foreach (var frame in frames) await can.WriteAsync(frame, TestContext.Current.CancellationToken);
        var seen = new List<ContextSnapshot>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((seen.Count == 0 || seen[^1].TimeNs < t0 + 5_000_000_000) && DateTime.UtcNow < deadline)
        {
            if (snapshots.Reader.TryRead(out var s)) seen.Add(s);
            else await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        await fusion.StopAsync(CancellationToken.None);

        Assert.Equal(frames.Count, fusion.Frames);
        var during = seen.Last(s => s.TimeNs <= t0 + 1_000_000_000);
        var after = seen[^1];
        Assert.True(after.TimeNs >= t0 + 5_000_000_000, $"fusion stopped ticking at {(after.TimeNs - t0) / 1e9:0.0} s of a quiet bus");
        Assert.Equal(ContextQuality.Valid, during[ContextKeys.Speed]!.Reading.Quality);
        Assert.Equal(25.08, during[ContextKeys.SensorCabinTemperature]!.Reading.Value, 2);
        Assert.Equal(41.5, during[ContextKeys.SensorCabinHumidity]!.Reading.Value, 2);
        Assert.Equal(ContextQuality.Stale, after[ContextKeys.Speed]!.Reading.Quality);
        Assert.Equal(ContextQuality.Stale, after[ContextKeys.StateOfCharge]!.Reading.Quality);
    }
}
