using EdgeAI.Drivers.Sensors.Nmea;
using EdgeAI.Sensors;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Drivers.Sensors.Tests;

public sealed class NmeaFixAssemblerTests
{
    // The classic example pair of NMEA documentation: Munich, 23 March 1994 12:35:19 UTC.
    private const string Gga = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47";
    private const string Rmc = "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A";

    [Fact]
    public void Accept_GgaThenRmcOfOneEpoch_GivesOneFixWithTheValuesOfBoth()
    {
        var nmea = new NmeaFixAssembler();
        Assert.False(nmea.Accept(Gga, out _, out var e1));
        Assert.True(nmea.Accept(Rmc, out var fix, out var e2));

        Assert.Equal(NmeaError.None, e1);
        Assert.Equal(NmeaError.None, e2);
        Assert.Equal(Nmea.Ns(new DateTimeOffset(1994, 3, 23, 12, 35, 19, TimeSpan.Zero)), fix.TimestampNs);
        Assert.Equal(48 + 7.038 / 60, fix.Latitude, 12);
        Assert.Equal(11 + 31.0 / 60, fix.Longitude, 12);
        Assert.Equal(545.4, fix.AltitudeM, 9);
        Assert.Equal(22.4 * 1852 / 3600, fix.SpeedMps, 9);
        Assert.Equal(84.4, fix.HeadingDeg, 9);
        Assert.Equal(GpsFixQuality.Fix3D, fix.Quality);
        Assert.Equal(0.9, fix.Hdop, 9);
        Assert.Equal(8, fix.Satellites);
        Assert.True(fix.HasPosition);
        Assert.Equal(2, nmea.SentencesRead);
        Assert.Equal(0, nmea.SentencesSkipped);
    }

    [Theory]
    [InlineData("GN")]
    [InlineData("GL")]
    [InlineData("GA")]
    [InlineData("BD")]
    [InlineData("GB")]
    public void Accept_AnyTalker_ReadsTheSameFix(string talker)
    {
        var nmea = new NmeaFixAssembler();
        nmea.Accept(Nmea.Sentence(talker + "GGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"), out _, out _);
        Assert.True(nmea.Accept(Nmea.Sentence(talker + "RMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W"), out var fix, out _));
        Assert.Equal(48 + 7.038 / 60, fix.Latitude, 12);
        Assert.Equal(545.4, fix.AltitudeM, 9);
    }

    [Fact]
    public void Accept_SouthernAndWesternHemispheres_AreNegative()
    {
        var nmea = new NmeaFixAssembler();
        nmea.Accept(Nmea.Sentence("GPGGA,010203.50,3351.500,S,15112.600,W,1,05,1.5,20.0,M,,M,,"), out _, out _);
        Assert.True(nmea.Accept(Nmea.Sentence("GPRMC,010203.50,A,3351.500,S,15112.600,W,0.0,,010125,,"), out var fix, out _));
        Assert.Equal(-(33 + 51.5 / 60), fix.Latitude, 12);
        Assert.Equal(-(151 + 12.6 / 60), fix.Longitude, 12);
        Assert.Equal(Nmea.Ns(new DateTimeOffset(2025, 1, 1, 1, 2, 3, 500, TimeSpan.Zero)), fix.TimestampNs);
        Assert.True(double.IsNaN(fix.HeadingDeg));
    }

    [Fact]
    public void Accept_BadChecksum_IsCountedAndNotApplied()
    {
        var nmea = new NmeaFixAssembler();
        var corrupted = Gga.Replace("545.4", "945.4"); // one digit changed in transit, checksum left as sent
        Assert.False(nmea.Accept(corrupted, out _, out var error));
        Assert.Equal(NmeaError.ChecksumMismatch, error);
        Assert.False(nmea.Accept(Rmc, out _, out _)); // without its GGA the epoch completes at the next one or the end
        Assert.True(nmea.TryFlush(out var fix));

        // only the RMC was applied: no altitude, satellites or HDOP, and RMC alone with status A is a 2D fix
        Assert.True(double.IsNaN(fix.AltitudeM));
        Assert.Equal(-1, fix.Satellites);
        Assert.Equal(GpsFixQuality.Fix2D, fix.Quality);
        Assert.False(nmea.TryFlush(out _));
        Assert.Equal(2, nmea.SentencesRead);
        Assert.Equal(1, nmea.SentencesSkipped);
    }

    [Theory]
    [InlineData("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,", NmeaError.WrongFieldCount, "expected 14 fields in GGA, found 13")]
    [InlineData("GPGGA,123519,4807.038,X,01131.000,E,1,08,0.9,545.4,M,46.9,M,,", NmeaError.BadField, "expected N or S in field 3 of GGA")]
    [InlineData("GPGGA,123519,48o7.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,", NmeaError.BadField, "expected a latitude ddmm.mmmm in field 2 of GGA")]
    [InlineData("GPRMC,256019,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W", NmeaError.BadField, "expected a UTC time hhmmss.ss in field 1 of RMC")]
    [InlineData("GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,310294,003.1,W", NmeaError.BadField, "expected a UTC date ddmmyy in field 9 of RMC")]
    [InlineData("GPGSA,A,4,,,,,,,,,,,,,1.0,1.0,1.0", NmeaError.BadField, "expected a fix mode 1, 2 or 3 in field 2 of GSA")]
    [InlineData("GPVTG,054.7,T,034.4,M,005.5,N", NmeaError.WrongFieldCount, "expected 8 or 9 fields in VTG, found 6")]
    public void Accept_MalformedSentenceWithValidChecksum_IsSkippedWithItsReason(string body, NmeaError expected, string reason)
    {
        var nmea = new NmeaFixAssembler();
        Assert.False(nmea.Accept(Nmea.Sentence(body), out _, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(reason, nmea.LastSkip.Describe());
        Assert.False(nmea.TryFlush(out _));
        Assert.Equal(1, nmea.SentencesSkipped);
    }

    [Theory]
    [InlineData("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,", NmeaError.MissingChecksum)]
    [InlineData("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47", NmeaError.NotASentence)]
    [InlineData("\u00b5\u0002\u0000garbage from a baud-rate mismatch", NmeaError.NotASentence)]
    [InlineData("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*4", NmeaError.NotASentence)]
    public void Accept_Garbage_IsSkipped(string line, NmeaError expected)
    {
        var nmea = new NmeaFixAssembler();
        Assert.False(nmea.Accept(line, out _, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(1, nmea.SentencesSkipped);
    }

    [Fact]
    public void Accept_UnusedAndProprietarySentences_AreReadNotSkipped()
    {
        var nmea = new NmeaFixAssembler();
        Assert.False(nmea.Accept(Nmea.Sentence("GPZDA,123519.00,23,03,1994,00,00"), out _, out var e1));
        Assert.False(nmea.Accept(Nmea.Sentence("PUBX,00,123519.00"), out _, out var e2));
        Assert.Equal(NmeaError.None, e1);
        Assert.Equal(NmeaError.None, e2);
        Assert.Equal(2, nmea.SentencesRead);
        Assert.Equal(0, nmea.SentencesSkipped);
    }

    [Fact]
    public void Accept_GgaOnlyReceiver_CompletesEachEpochWhenTheNextBegins_DatedByTheLastRmc()
    {
        var nmea = new NmeaFixAssembler();
        nmea.Accept(Gga, out _, out _);
        nmea.Accept(Rmc, out _, out _);
        Assert.False(nmea.Accept(Nmea.Sentence("GPGGA,123520,4807.040,N,01131.002,E,1,09,0.8,545.6,M,46.9,M,,"), out _, out _));
        Assert.True(nmea.Accept(Nmea.Sentence("GPGGA,123521,4807.042,N,01131.004,E,1,09,0.8,545.8,M,46.9,M,,"), out var fix, out _));
        Assert.Equal(Nmea.Ns(new DateTimeOffset(1994, 3, 23, 12, 35, 20, TimeSpan.Zero)), fix.TimestampNs);
        Assert.Equal(48 + 7.040 / 60, fix.Latitude, 12);
        Assert.True(double.IsNaN(fix.SpeedMps));
        Assert.True(nmea.TryFlush(out var last));
        Assert.Equal(545.8, last.AltitudeM, 9);
        Assert.False(nmea.TryFlush(out _));
    }

    [Fact]
    public void Accept_WithoutAnyDate_StampsFixesWithTheTimeProvider()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
        var nmea = new NmeaFixAssembler(clock);
        nmea.Accept(Gga, out _, out _);
        Assert.True(nmea.TryFlush(out var fix));
        Assert.Equal(Nmea.Ns(clock.GetUtcNow()), fix.TimestampNs);
    }

    [Fact]
    public void Accept_GsaMode2_MakesTheFix2DAndRmcVoid_MakesItUnusable()
    {
        var nmea = new NmeaFixAssembler();
        nmea.Accept(Nmea.Sentence("GPGSA,A,2,05,12,20,,,,,,,,,,2.1,1.9,0.9"), out _, out _);
        nmea.Accept(Gga, out _, out _);
        Assert.True(nmea.Accept(Rmc, out var fix2d, out _));
        Assert.Equal(GpsFixQuality.Fix2D, fix2d.Quality);

        var nofix = new NmeaFixAssembler();
        Assert.False(nofix.Accept(Nmea.Sentence("GPRMC,123519,V,,,,,,,230394,,"), out _, out _));
        Assert.True(nofix.TryFlush(out var none));
        Assert.Equal(GpsFixQuality.None, none.Quality);
        Assert.False(none.HasPosition);
    }

    [Theory]
    [InlineData(2, GpsFixQuality.Differential)]
    [InlineData(4, GpsFixQuality.RtkFixed)]
    [InlineData(5, GpsFixQuality.RtkFloat)]
    [InlineData(6, GpsFixQuality.Estimated)]
    [InlineData(0, GpsFixQuality.None)]
    public void Accept_GgaQuality_MapsToFixQuality(int quality, GpsFixQuality expected)
    {
        var nmea = new NmeaFixAssembler();
        nmea.Accept(Nmea.Sentence($"GPGGA,123519,4807.038,N,01131.000,E,{quality},08,0.9,545.4,M,46.9,M,,"), out _, out _);
        Assert.True(nmea.TryFlush(out var fix));
        Assert.Equal(expected, fix.Quality);
    }

    [Fact]
    public void Accept_SteadyState_AllocatesNothingPerSentence()
    {
        var nmea = new NmeaFixAssembler();
        var lines = File.ReadAllLines(Nmea.DataFile("adlershof-drive.nmea"));
        var bytes = lines.Select(l => System.Text.Encoding.ASCII.GetBytes(l)).ToArray();
        foreach (var line in bytes) nmea.Accept(line, out _, out _); // warm up (JIT, statics)

        var fixes = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 3; round++)
            foreach (var line in bytes)
                if (nmea.Accept(line, out _, out _)) fixes++;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(fixes > 200);
        Assert.Equal(0, allocated);
    }
}
