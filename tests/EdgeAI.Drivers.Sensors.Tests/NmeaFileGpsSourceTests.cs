using EdgeAI.Drivers.Sensors.Gpsd;
using EdgeAI.Drivers.Sensors.Nmea;
using EdgeAI.Sensors;
using EdgeAI.TestKit;

namespace EdgeAI.Drivers.Sensors.Tests;

public sealed class NmeaFileGpsSourceTests
{
    internal static async Task<List<GpsFix>> ReadAllAsync(IGpsSource source)
    {
        var fixes = new List<GpsFix>();
        await foreach (var fix in source.ReadFixesAsync(TestContext.Current.CancellationToken))
            fixes.Add(fix);
        return fixes;
    }

    [Fact]
    public async Task Read_AdlershofDrive_GivesOneFixPerEpochWithTheFilesNumbers()
    {
        using var source = new NmeaFileGpsSource(Nmea.DataFile("adlershof-drive.nmea"));
        var fixes = await ReadAllAsync(source);

        Assert.Equal(90, fixes.Count);
        Assert.Equal(87, fixes.Count(f => f.HasPosition));
        Assert.All(fixes.Take(3), f => Assert.Equal(GpsFixQuality.None, f.Quality));
        Assert.Equal(765, source.SentencesRead);
        Assert.Equal(0, source.SentencesSkipped);
        Assert.Null(source.LastSkipReason);

        // $GPGGA,074520.00,5225.80404,N,01331.79406,E,1,08,0.9,39.8,M,39.8,M,,*5D and its GPRMC (27.019 kn, 112.65°)
        var gp = fixes.Single(f => f.TimestampNs == Nmea.Ns(new DateTimeOffset(2026, 11, 20, 7, 45, 20, TimeSpan.Zero)));
        Assert.Equal(52 + 25.80404 / 60, gp.Latitude, 12);
        Assert.Equal(13 + 31.79406 / 60, gp.Longitude, 12);
        Assert.Equal(39.8, gp.AltitudeM, 9);
        Assert.Equal(27.019 * 1852 / 3600, gp.SpeedMps, 9);
        Assert.Equal(112.65, gp.HeadingDeg, 9);
        Assert.Equal(8, gp.Satellites);
        Assert.Equal(0.9, gp.Hdop, 9);
        Assert.Equal(GpsFixQuality.Fix3D, gp.Quality);

        // $GNGGA,074555.00,5225.70292,N,01332.19085,E,1,13,0.8,36.1,M,39.8,M,,*40 (GPS+GLONASS part)
        var gn = fixes.Single(f => f.TimestampNs == Nmea.Ns(new DateTimeOffset(2026, 11, 20, 7, 45, 55, TimeSpan.Zero)));
        Assert.Equal(52.428382, gn.Latitude, 9);
        Assert.Equal(13.536514167, gn.Longitude, 9);
        Assert.Equal(36.1, gn.AltitudeM, 9);
        Assert.Equal(13, gn.Satellites);
    }

    [Fact]
    public async Task Read_GpsdRegressionLog_MatchesGpsdsOwnDecoding()
    {
        // gpsd's bn-9015.log (a real Skytraq receiver) and gpsd's recorded reports for it (.chk)
        using var source = new NmeaFileGpsSource(Nmea.DataFile("gpsd-bn-9015.log"));
        var ours = (await ReadAllAsync(source)).Where(f => f.HasPosition).ToList();

        using var chk = File.OpenRead(Nmea.DataFile("gpsd-bn-9015.log.chk"));
        var json = new MemoryStream();
        foreach (var line in File.ReadLines(Nmea.DataFile("gpsd-bn-9015.log.chk")))
            if (line.StartsWith('{')) json.Write(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
        json.Position = 0;
        using var gpsd = new GpsdClient();
        var theirs = new List<GpsFix>();
        await foreach (var fix in gpsd.ReadReportsAsync(json, TestContext.Current.CancellationToken))
            if (fix.HasPosition) theirs.Add(fix);

        Assert.Equal(6, ours.Count);
        Assert.Equal(0, source.SentencesSkipped);
        Assert.Equal(0, gpsd.SentencesSkipped);
        var ourPositions = ours.Select(f => (Math.Round(f.Latitude, 9), Math.Round(f.Longitude, 9))).ToHashSet();
        var theirPositions = theirs.Select(f => (f.Latitude, f.Longitude)).ToHashSet();
        Assert.Equal(ourPositions.Order(), theirPositions.Order());
        // $GPGGA,171002.972,5200.8519,N,00421.7812,E,1,08,1.0,8.8,M,44.8,M,,0000*5D
        Assert.Equal(52 + 0.8519 / 60, ours[0].Latitude, 12);
        Assert.Equal(4 + 21.7812 / 60, ours[0].Longitude, 12);
        Assert.Equal(8.8, ours[0].AltitudeM, 9);
        Assert.Equal(Nmea.Ns(new DateTimeOffset(2010, 6, 12, 17, 10, 2, 972, TimeSpan.Zero)), ours[0].TimestampNs);
    }

    [Fact]
    public async Task Read_CorruptedLines_AreSkippedAndNamedByFileAndLine()
    {
        using var dir = new TempDirectory();
        var lines = File.ReadAllLines(Nmea.DataFile("adlershof-drive.nmea"));
        var gga = Array.FindIndex(lines, l => l.StartsWith("$GPGGA,074520.00"));
        lines[gga] = lines[gga].Replace("5225.80404", "5225.80414"); // a flipped digit: checksum no longer matches
        var rmc = Array.FindIndex(lines, l => l.StartsWith("$GPRMC,074521.00"));
        lines[rmc] = lines[rmc][..40]; // cut off mid-sentence
        var path = dir.File("drive.nmea");
        File.WriteAllLines(path, lines);

        using var source = new NmeaFileGpsSource(path);
        var fixes = await ReadAllAsync(source);

        Assert.Equal(2, source.SentencesSkipped);
        Assert.Equal($"{path}:{rmc + 1}: expected a *hh checksum at the end of the sentence", source.LastSkipReason);
        var at20 = fixes.Single(f => f.TimestampNs == Nmea.Ns(new DateTimeOffset(2026, 11, 20, 7, 45, 20, TimeSpan.Zero)));
        Assert.Equal(52 + 25.80404 / 60, at20.Latitude, 12); // from the RMC: the corrupted GGA was not applied
        Assert.True(double.IsNaN(at20.AltitudeM));
        Assert.Equal(90, fixes.Count);
    }

    [Fact]
    public async Task Read_FileWithoutAnySentence_FailsWithOneLineNamingFileAndLine()
    {
        using var dir = new TempDirectory();
        var path = dir.File("not-nmea.nmea");
        File.WriteAllBytes(path, [0xB5, 0x62, 0x01, 0x07, 0x5C, 0x00, 0x0A, 0x0D, 0x0A, 0xFF]);
        using var source = new NmeaFileGpsSource(path);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(source));
        Assert.Equal($"{path}:1: expected an NMEA 0183 sentence ($ttsss,...*hh in ASCII)", error.Message);
    }

    [Fact]
    public async Task Read_MissingFile_NamesIt()
    {
        using var source = new NmeaFileGpsSource("/nonexistent/drive.nmea");
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => ReadAllAsync(source));
        Assert.Equal("/nonexistent/drive.nmea: GPS file not found", error.Message);
    }

    [Fact]
    public async Task Serial_ReceiverOnAPseudoTerminal_GivesTheSameFixesAsTheFile()
    {
        Assert.SkipWhen(!File.Exists(ExternalTool.DebianPython), $"{ExternalTool.DebianPython} is missing");
        var file = Nmea.DataFile("adlershof-drive.nmea");
        using var reference = new NmeaFileGpsSource(file);
        var expected = await ReadAllAsync(reference);

        // a python helper plays the receiver: it holds the master side of a pty and writes the file into it
        using var feeder = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(ExternalTool.DebianPython, [Nmea.DataFile("pty_feeder.py"), file])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            var device = (await feeder.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken))!;
            using var serial = new NmeaSerialGpsSource(device, 9600);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await using var fixes = serial.ReadFixesAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
            var first = fixes.MoveNextAsync(); // opens the port, then waits for data
            await feeder.StandardInput.WriteLineAsync("go");
            await feeder.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
            var got = new List<GpsFix>();
            if (await first) got.Add(fixes.Current);
            while (got.Count < expected.Count && await fixes.MoveNextAsync()) got.Add(fixes.Current);

            Assert.Equal(expected, got);
            Assert.Equal(0, serial.SentencesSkipped);
        }
        finally
        {
            feeder.StandardInput.Close();
            if (!feeder.WaitForExit(5000)) feeder.Kill();
        }
    }

    [Fact]
    public async Task Serial_MissingDevice_FailsWithOneLineNamingTheDevice()
    {
        using var source = new NmeaSerialGpsSource("/dev/ttyEDGEAI-NO-GPS", 9600);
        var error = await Assert.ThrowsAsync<IOException>(() => ReadAllAsync(source));
        Assert.StartsWith("GPS serial device /dev/ttyEDGEAI-NO-GPS: not found", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
