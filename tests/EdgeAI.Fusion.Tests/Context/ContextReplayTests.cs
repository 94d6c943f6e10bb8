using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Mapping;
using EdgeAI.TestKit;
using static EdgeAI.Fusion.Tests.DemoVehicle;

namespace EdgeAI.Fusion.Tests.Context;

/// <summary>A replayed moment of the bundled drive against the DBC decoder run on the log by hand.</summary>
public sealed class ContextReplayTests
{
    /// <summary>The last frame of each message at or before <paramref name="at"/>, found by reading the log directly.</summary>
    private static (Dictionary<string, CanFrame> Last, long Start) LastFrames(DbcDatabase database, TimeSpan at)
    {
        var last = new Dictionary<string, CanFrame>();
        using var reader = CanLogFiles.OpenReader(RepoPaths.CityDriveLog);
        long start = long.MinValue;
        while (reader.TryRead(out var frame))
        {
            if (start == long.MinValue) start = frame.TimestampNs;
            if (frame.TimestampNs - start > at.Ticks * 100) break;
            if (database.TryGetDecoder(in frame, out var decoder)) last[decoder.Message.Name] = frame;
        }
        return (last, start);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(12.5)]
    [InlineData(200.0)]
    [InlineData(654.0)]
    public void At_Moment_EveryMapKeyIsTheDecoderOnItsMessagesLastFrame(double seconds)
    {
        var at = TimeSpan.FromSeconds(seconds);
        var (last, start) = LastFrames(Database, at);

        var snapshot = ContextReplay.At(RepoPaths.CityDriveLog, MapPath, at);

        Assert.Equal(start + at.Ticks * 100, snapshot.TimeNs);
        int seen = 0;
        foreach (var entry in Map.Entries)
        {
            var reading = snapshot[entry.Key]!.Reading;
            if (!last.TryGetValue(entry.Message, out var frame))
            {
                Assert.Equal(ContextQuality.NeverSeen, reading.Quality);
                continue;
            }
            var decoder = Database.GetDecoder(entry.Message);
            var values = new double[decoder.SignalCount];
            decoder.Decode(in frame, values);
            double raw = values[decoder.IndexOf(entry.Signal)];
            double expected = entry.Kind switch
            {
                KeyKind.Number => raw * entry.Scale + entry.Offset,
                KeyKind.Bool => (entry.TrueValues.Count == 0 ? raw != 0 : entry.TrueValues.Contains(raw)) ? 1 : 0,
                _ => raw,
            };
            Assert.Equal(expected, reading.Value);
            Assert.Equal(frame.TimestampNs, reading.TimeNs);
            Assert.Equal(snapshot.TimeNs - frame.TimestampNs, reading.AgeNs);
            seen++;
        }
        if (seconds >= 12.5) Assert.Equal(Map.Entries.Count, seen);
        else Assert.True(seen < Map.Entries.Count, "at the first frame most messages have not been sent yet");
    }

    [Fact]
    public void At_MissingLog_ThrowsFileNotFound()
    {
        using var dir = new TempDirectory();
        Assert.Throws<FileNotFoundException>(() => ContextReplay.At(dir.File("none.log"), MapPath, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void At_CorruptLog_ThrowsFormatErrorNamingFileAndLine()
    {
        using var dir = new TempDirectory();
        string log = dir.File("drive.log");
        File.WriteAllText(log, "(1778744530.000155) can0 0B0#0000000000000000\n(1778744530.000900) can0 0A0#NOTHEX\n");
        var e = Assert.Throws<CanLogFormatException>(() => ContextReplay.At(log, MapPath, TimeSpan.FromSeconds(1)));
        Assert.Equal(2, e.Line);
        Assert.Contains("drive.log", e.Message);
    }

    [Fact]
    public void At_MapNamingABrokenDbc_ThrowsDbcFormatError()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("broken.dbc"), "VERSION \"\"\n\nBO_ 177 ESP: 8 ESP\n SG_ Speed : zero|13@1+ (0.05,0) [0|300] \"km/h\" IC\n");
        File.WriteAllText(dir.File("car.signals.json"), """{ "version": 1, "dbc": "broken.dbc", "keys": { "Vehicle.Speed": { "signal": "ESP.Speed" } } }""");
        var e = Assert.Throws<DbcFormatException>(() => ContextReplay.At(RepoPaths.CityDriveLog, dir.File("car.signals.json"), TimeSpan.FromSeconds(1)));
        Assert.Contains("broken.dbc", e.Message);
    }

    [Fact]
    public void CityDriveGps_IsWhatTheGeneratorWrites()
    {
        string committed = File.ReadAllText(RepoPaths.Get("models", "scenarios", "city-drive", "gps.nmea"));
        Assert.Equal(EdgeAI.DriveGen.CityDriveGps.Nmea(), committed);
    }
}
