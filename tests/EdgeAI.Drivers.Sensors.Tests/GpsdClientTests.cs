using System.Diagnostics;
using System.Text;
using EdgeAI.Drivers.Sensors.Gpsd;
using EdgeAI.Drivers.Sensors.Nmea;
using EdgeAI.Sensors;
using EdgeAI.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Drivers.Sensors.Tests;

public sealed class GpsdClientTests
{
    [Fact]
    public async Task Reports_TpvAndSky_GiveFixesCarryingSkyValues_AndBadLinesAreCounted()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
        const string stream = """
            {"class":"VERSION","release":"3.22","rev":"3.22","proto_major":3,"proto_minor":14}
            {"class":"SKY","device":"/dev/ttyACM0","hdop":0.87,"satellites":[{"PRN":2,"el":67.0,"used":true},{"PRN":5,"used":false},{"PRN":12,"used":true}]}
            {"class":"TPV","device":"/dev/ttyACM0","status":2,"mode":3,"time":"2026-11-20T07:45:20.000Z","lat":52.430067333,"lon":13.529901,"altHAE":79.6,"altMSL":39.8,"speed":13.9,"track":112.65}
            {"class":"TPV","mode":1
            {"class":"SKY","hdop":1.2,"nSat":14,"uSat":11}
            {"class":"TPV","mode":2,"lat":52.43,"lon":13.53,"alt":41.0}
            {"class":"TPV","mode":1}
            """;
        using var gpsd = new GpsdClient(time: clock);
        var fixes = new List<GpsFix>();
        await foreach (var fix in gpsd.ReadReportsAsync(new MemoryStream(Encoding.UTF8.GetBytes(stream)), TestContext.Current.CancellationToken))
            fixes.Add(fix);

        Assert.Equal(3, fixes.Count);
        Assert.Equal(new GpsFix(Nmea.Ns(new DateTimeOffset(2026, 11, 20, 7, 45, 20, TimeSpan.Zero)), 52.430067333, 13.529901, 39.8, 13.9, 112.65,
            GpsFixQuality.Differential, 0.87, 2), fixes[0]);
        Assert.Equal(new GpsFix(Nmea.Ns(clock.GetUtcNow()), 52.43, 13.53, 41.0, double.NaN, double.NaN, GpsFixQuality.Fix2D, 1.2, 11), fixes[1]);
        Assert.Equal(GpsFixQuality.None, fixes[2].Quality);
        Assert.Equal(7, gpsd.SentencesRead);
        Assert.Equal(1, gpsd.SentencesSkipped);
    }

    [Fact]
    public void Parse_TpvAndSkyReports_AllocatesNothingPerReport()
    {
        var parser = new GpsdReportParser(TimeProvider.System);
        var tpv = """{"class":"TPV","device":"/dev/pts/1","mode":3,"time":"2026-11-20T07:45:20.000Z","ept":0.005,"lat":52.430067333,"lon":13.529901000,"altHAE":79.6000,"altMSL":39.8000,"alt":39.8000,"epx":9.777,"epy":11.679,"epv":27.600,"track":112.6500,"magtrack":116.7389,"magvar":4.1,"speed":13.900,"geoidSep":39.800,"eph":12.300,"sep":27.600}"""u8.ToArray();
        var sky = """{"class":"SKY","device":"/dev/pts/1","xdop":0.52,"ydop":0.54,"hdop":0.90,"pdop":1.40,"nSat":3,"uSat":2,"satellites":[{"PRN":2,"el":67.0,"az":102.0,"ss":44.0,"used":true,"gnssid":0,"svid":2},{"PRN":5,"el":41.0,"az":264.0,"ss":41.0,"used":true},{"PRN":13,"used":false}]}"""u8.ToArray();
        parser.TryParse(sky, out _);
        parser.TryParse(tpv, out _);

        var fixes = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            parser.TryParse(sky, out _);
            if (parser.TryParse(tpv, out _)) fixes++;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, fixes);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task Connect_NoDaemon_FailsWithOneLineNamingHostAndPort()
    {
        var port = LoopbackPort.Free();
        using var gpsd = new GpsdClient("127.0.0.1", port);
        var error = await Assert.ThrowsAsync<IOException>(async () =>
        {
            await foreach (var _ in gpsd.ReadFixesAsync(TestContext.Current.CancellationToken)) { }
        });
        Assert.StartsWith($"gpsd://127.0.0.1:{port}: cannot connect to gpsd", error.Message);
    }

    [Fact]
    [Trait("Peer", "gpsd")]
    public async Task RealGpsd_ReplayingTheAdlershofDrive_ReportsTheFilesPositions()
    {
        var missing = ExternalTool.MissingProgramReason("gpsfake", "gpsd-clients") ?? ExternalTool.MissingProgramReason("gpsd", "gpsd");
        Assert.SkipWhen(missing is not null, missing ?? "");
        var file = Nmea.DataFile("adlershof-drive.nmea");
        using var reference = new NmeaFileGpsSource(file);
        var expected = (await NmeaFileGpsSourceTests.ReadAllAsync(reference)).Where(f => f.HasPosition).ToDictionary(f => f.TimestampNs);
        var last = expected.Keys.Max();

        var port = LoopbackPort.Free();
        // gpsfake starts a real gpsd on the port and feeds it the file through a pty once a client watches
        using var gpsfake = Process.Start(new ProcessStartInfo("gpsfake", ["-P", port.ToString(), "-1", "-q", "-c", "0.01", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            var reported = new Dictionary<long, GpsFix>();
            var untimed = 0;
            using var gpsd = new GpsdClient("127.0.0.1", port);
            try
            {
                await foreach (var fix in ReadWhenUpAsync(gpsd, timeout.Token))
                {
                    if (!fix.HasPosition) continue;
                    if (!expected.ContainsKey(fix.TimestampNs))
                    {
                        // before gpsd has a date it reports fixes without time (the client stamps them with the clock's
                        // now): their position must still be one of the file's
                        Assert.Contains(expected.Values, f => Math.Abs(f.Latitude - fix.Latitude) < 1e-9 && Math.Abs(f.Longitude - fix.Longitude) < 1e-9);
                        untimed++;
                        continue;
                    }
                    reported[fix.TimestampNs] = fix;
                    if (fix.TimestampNs == last) break;
                }
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                // gpsd never reported the last epoch: judge what it did report
            }

            // gpsd needs a few sentences to recognise the receiver, so the first seconds may be missing; and before it
            // has seen a GGA it reports 2D fixes without altitude: values it gives must equal the file's
            var threeD = reported.Values.Count(f => f.Quality == GpsFixQuality.Fix3D && double.IsFinite(f.AltitudeM));
            TestContext.Current.TestOutputHelper?.WriteLine($"gpsd reported {reported.Count} fixes ({threeD} 3D) of the file's {expected.Count}, and {untimed} without time");
            Assert.True(threeD >= 60, $"gpsd reported {threeD} 3D fixes of the file's {expected.Count}");
            foreach (var (time, fix) in reported)
            {
                var ours = expected[time];
                Assert.Equal(ours.Latitude, fix.Latitude, 9);
                Assert.Equal(ours.Longitude, fix.Longitude, 9);
                if (double.IsFinite(fix.AltitudeM)) Assert.Equal(ours.AltitudeM, fix.AltitudeM, 4);
                if (double.IsFinite(fix.SpeedMps)) Assert.Equal(ours.SpeedMps, fix.SpeedMps, 3);
                if (double.IsFinite(fix.HeadingDeg)) Assert.Equal(ours.HeadingDeg, fix.HeadingDeg, 4);
                Assert.Contains(fix.Quality, (GpsFixQuality[])[GpsFixQuality.Fix2D, GpsFixQuality.Fix3D]);
            }
            // two fixes checked against the numbers written in the file
            var at20 = reported[Nmea.Ns(new DateTimeOffset(2026, 11, 20, 7, 45, 20, TimeSpan.Zero))];
            Assert.Equal(52.430067333, at20.Latitude, 9);
            Assert.Equal(13.529901, at20.Longitude, 9);
            Assert.Equal(39.8, at20.AltitudeM, 4);
            var at55 = reported[Nmea.Ns(new DateTimeOffset(2026, 11, 20, 7, 45, 55, TimeSpan.Zero))];
            Assert.Equal(52.428382, at55.Latitude, 9);
            Assert.Equal(13.536514167, at55.Longitude, 9);
            Assert.Equal(36.1, at55.AltitudeM, 4);
            Assert.Equal(0, gpsd.SentencesSkipped);
        }
        finally
        {
            if (!gpsfake.HasExited) gpsfake.Kill(entireProcessTree: true);
            await gpsfake.WaitForExitAsync(CancellationToken.None);
        }
    }

    // gpsfake takes a moment to bring gpsd up: retry the connection until it listens
    private static async IAsyncEnumerable<GpsFix> ReadWhenUpAsync(GpsdClient gpsd, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        for (var attempt = 0; ; attempt++)
        {
            IAsyncEnumerator<GpsFix>? fixes = null;
            try
            {
                fixes = gpsd.ReadFixesAsync(cancellation).GetAsyncEnumerator(cancellation);
                if (!await fixes.MoveNextAsync()) yield break;
            }
            catch (IOException) when (attempt < 100)
            {
                if (fixes is not null) await fixes.DisposeAsync();
                await Task.Delay(100, cancellation);
                continue;
            }
            try
            {
                do yield return fixes.Current;
                while (await fixes.MoveNextAsync());
            }
            finally
            {
                await fixes.DisposeAsync();
            }
            yield break;
        }
    }
}
