using System.Diagnostics;
using System.Threading.Channels;
using EdgeAI.Drivers.Sensors.Gpsd;
using EdgeAI.Drivers.Sensors.Nmea;
using EdgeAI.Host.Pipeline;
using EdgeAI.Host.Stages;
using EdgeAI.Sensors;
using EdgeAI.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAI.Host.Tests.Stages;

/// <summary>
/// The GPS stage on a live receiver: a real gpsd (gpsfake) that is not running at first ("no GPS fix" for the host), then
/// starts replaying the Adlershof drive's NMEA. The stage says why it has no position, retries with back-off, and hands
/// on the receiver's fixes once it is up.
/// </summary>
[Trait("Peer", "gpsd")]
public sealed class GpsStageTests
{
    [Fact]
    public async Task LiveGpsd_NotRunningAtFirst_NoGpsOnTheStatusLine_ThenTheReceiversFixes()
    {
        var missing = ExternalTool.MissingProgramReason("gpsfake", "gpsd-clients") ?? ExternalTool.MissingProgramReason("gpsd", "gpsd");
        Assert.SkipWhen(missing is not null, missing ?? "");
        string file = RepoPaths.Get("models", "scenarios", "adlershof-drive", "gps.nmea");
        var positions = new List<(double Lat, double Lon)>();
        using (var reference = new NmeaFileGpsSource(file))
            await foreach (var fix in reference.ReadFixesAsync(TestContext.Current.CancellationToken))
                if (fix.HasPosition) positions.Add((fix.Latitude, fix.Longitude));

        int port = LoopbackPort.Free();
        var clock = new DriveClock(TimeProvider.System, 1);
        var output = new StageChannel<GpsFix>("gps", 1000, BoundedChannelFullMode.Wait);
        var stage = new GpsStage(new StageHealth("gps", TimeSpan.FromSeconds(5), TimeProvider.System), NullLogger.Instance,
            () => new GpsdClient("127.0.0.1", port), output, clock)
        {
            FirstRetry = TimeSpan.FromMilliseconds(200), MaxRetry = TimeSpan.FromSeconds(1),
        };
        await stage.StartAsync(TestContext.Current.CancellationToken);
        Process? gpsfake = null;
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (stage.Losses < 2 && DateTime.UtcNow < deadline) await Task.Delay(20, TestContext.Current.CancellationToken);
            Assert.True(stage.Losses >= 2, $"the stage did not retry: {stage.Health.Detail}");
            Assert.StartsWith("no GPS (gpsd://127.0.0.1:" + port, stage.Health.Detail);
            Assert.Contains("cannot connect to gpsd", stage.Health.Detail);
            Assert.Equal(long.MaxValue, stage.Watermark.Value); // a live receiver must not hold fusion back

            gpsfake = Process.Start(new ProcessStartInfo("gpsfake", ["-P", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-1", "-q", "-c", "0.01", file])
                { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            var fixes = new List<GpsFix>();
            deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (fixes.Count(f => f.HasPosition) < 20 && DateTime.UtcNow < deadline)
            {
                if (output.Reader.TryRead(out var fix)) fixes.Add(fix);
                else await Task.Delay(20, TestContext.Current.CancellationToken);
            }
            var located = fixes.Where(f => f.HasPosition).ToList();
            Assert.True(located.Count >= 20, $"{located.Count} fixes from gpsd within a minute; stage: {stage.Health.Detail}");
            Assert.All(located, f => Assert.Contains(positions, p => Math.Abs(p.Lat - f.Latitude) < 1e-9 && Math.Abs(p.Lon - f.Longitude) < 1e-9));
            Assert.Null(stage.Health.Detail);
            Assert.True(stage.Health.Items >= fixes.Count, $"{stage.Health.Items} fixes counted, {fixes.Count} read");
        }
        finally
        {
            await stage.StopAsync(CancellationToken.None);
            if (gpsfake is not null)
            {
                if (!gpsfake.HasExited) gpsfake.Kill(entireProcessTree: true);
                gpsfake.Dispose();
            }
        }
    }
}
