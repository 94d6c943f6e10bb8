using EdgeAI.Can.Logs;
using EdgeAI.Can.Logs.Asc;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Logs;

public class AscLogTests
{
    private static readonly CanLogReadOptions Utc = new() { TimeZone = TimeZoneInfo.Utc };
    private const long Start = 1_717_171_717_123_000_000L; // Fri May 31 2024 04:08:37.123 pm UTC

    private const string Header = """
        date Fri May 31 04:08:37.123 pm 2024
        base hex  timestamps absolute
        internal events logged
        // version 9.0.0
        Begin Triggerblock Fri May 31 04:08:37.123 pm 2024
           0.000000 Start of measurement

        """;

    private static LogContent Read(string text, CanLogReadOptions? options = null) => LogIo.ReadText(text, CanLogFormat.Asc, options ?? Utc, "test.asc");

    [Fact]
    public void Read_ClassicLines_GivesFramesAndSkipsAndCountsOtherEvents()
    {
        var log = Read(Header + """
               0.001000 CAN 1 Status:chip status error active
               0.002000 1  123             Rx   d 8 11 22 33 44 55 66 77 88
               0.003000 2  1ABCDEFx        Tx   d 3 01 02 03  Length = 227910 BitCount = 118 ID = 28040687x
               0.004000 1  7FF             Rx   r
               0.005000 1  100             Tx   r 5
               0.006000 1  ErrorFrame
               0.006500 2  ErrorFrame ECC: 10100010
               0.007000 2  Statistic: D 1 R 0 XD 0 XR 0 E 1 O 0 B 0.2%
               0.008000 1  J1939TP FEE3p 6 0 0 - Rx d 23 01 02
               0.009000 1  200             TxRq d 0
               0.010000 SV: 2 0 1 ::sysvar = 1
               0.011000 L1 12 Rx 2 11 22
               0.012000 log trigger event
            End TriggerBlock
            """);

        Assert.Equal(6, log.Frames.Count);
        var f = log.Frames;
        Assert.Equal(new CanFrame(0x123, [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88], CanFlags.Rx, Start + 2_000_000, 0), f[0]);
        Assert.Equal(new CanFrame(0x1ABCDEF, [1, 2, 3], CanFlags.Extended | CanFlags.Tx, Start + 3_000_000, 1), f[1]);
        Assert.Equal(new CanFrame(0x7FF, [], CanFlags.Remote | CanFlags.Rx, Start + 4_000_000, 0), f[2]);
        Assert.Equal(new CanFrame(0x100, [], CanFlags.Remote | CanFlags.Tx, Start + 5_000_000, 0, remoteDlc: 5), f[3]);
        Assert.Equal(new CanFrame(AscLogReader.ErrorFrameClass, new byte[8], CanFlags.Error, Start + 6_000_000, 0), f[4]);
        Assert.Equal(new CanFrame(AscLogReader.ErrorFrameClass, new byte[8], CanFlags.Error, Start + 6_500_000, 1), f[5]);
        Assert.Equal(["can0", "can1"], log.Channels.Names);
        // comment, trigger block begin/end, start of measurement, status, statistic, J1939, TxRq, SV, LIN, log trigger
        Assert.Equal(11, log.Skipped);
    }

    [Fact]
    public void Read_CanFdLines_KeepBrsEsiDataAndSkipSymbolicNames()
    {
        var log = Read(Header + """
               0.100000 CANFD   1 Rx        123                                   1 0 9 12 01 02 03 04 05 06 07 08 09 0A 0B 0C        0    0     3000        0        0        0        0        0
               0.200000 CANFD   2 Tx   1ABCDEFx  EngineData                        0 1 d 32 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f   130000  130     5000 0 0 0 0 0
               0.300000 CANFD  1 Rx 7FF   1 1 8 08 95 0b 80 00 00 00 00 00 0 0 7000 0 0 0 0 0
               0.400000 CANFD   1 Rx 222  1 0 2 2 AA BB
               0.500000 CANFD   1 Tx ErrorFrame Not Acknowledge error, dominant error flag fffe c7 31ca Data 0 0 0 0 0 0 0 0 0 0 0 0 0 0
            """);

        var f = log.Frames;
        Assert.Equal(5, f.Count);
        Assert.Equal(CanFlags.Fd | CanFlags.Brs | CanFlags.Rx, f[0].Flags);
        Assert.Equal(12, f[0].Length);
        Assert.Equal(0x0C, f[0].Data[11]);
        Assert.Equal(CanFlags.Fd | CanFlags.Esi | CanFlags.Extended | CanFlags.Tx, f[1].Flags);
        Assert.Equal(0x1ABCDEFu, f[1].Id);
        Assert.Equal(32, f[1].Length);
        Assert.Equal(1, f[1].Channel);
        Assert.Equal(Start + 200_000_000, f[1].TimestampNs);
        Assert.Equal(CanFlags.Fd | CanFlags.Brs | CanFlags.Esi | CanFlags.Rx, f[2].Flags);
        Assert.Equal(new byte[] { 0x95, 0x0b, 0x80, 0, 0, 0, 0, 0 }, f[2].Data.ToArray());
        Assert.Equal(CanFlags.Fd | CanFlags.Brs | CanFlags.Rx, f[3].Flags); // no flags field: CAN FD, as python-can reads it
        Assert.Equal(new CanFrame(AscLogReader.ErrorFrameClass, new byte[8], CanFlags.Error | CanFlags.Tx, Start + 500_000_000, 0), f[4]);
    }

    [Fact]
    public void Read_CanFdLineWithoutEdlFlag_GivesClassicDataOrRemoteFrame()
    {
        var log = Read(Header + """
               0.400000 CANFD   1 Rx        100                                   0 0 5  0        0    0       10        0        0        0        0        0
               0.500000 CANFD   1 Tx       101x                                   0 0 3  3 0A 0B 0C   130000  130        0        0        0        0        0        0
            """);

        Assert.Equal(new CanFrame(0x100, [], CanFlags.Remote | CanFlags.Rx, Start + 400_000_000, 0, remoteDlc: 5), log.Frames[0]);
        Assert.Equal(new CanFrame(0x101, [0x0A, 0x0B, 0x0C], CanFlags.Extended | CanFlags.Tx, Start + 500_000_000, 0), log.Frames[1]);
    }

    [Fact]
    public void Read_ClassicLineWithFdLengthAndThatManyBytes_GivesCanFdFrame()
    {
        // Older python-can wrote CAN FD data as a 'd' line whose DLC field is the length in hex.
        string bytes = string.Join(" ", Enumerable.Range(0, 12).Select(i => i.ToString("X2")));
        var log = Read($"base hex  timestamps absolute\n0.5 1 123x Rx d C {bytes}\n0.6 1 124 Rx d D 01 02 03 04 05 06 07 08  Length = 2 BitCount = 119\n");

        Assert.Equal(2, log.Frames.Count);
        Assert.True(log.Frames[0].IsFd);
        Assert.Equal(12, log.Frames[0].Length);
        Assert.Equal(11, log.Frames[0].Data[11]);
        Assert.False(log.Frames[1].IsFd); // DLC 13 with 8 bytes: a classic frame that keeps its DLC
        Assert.Equal(8, log.Frames[1].Length);
        Assert.Equal(13, log.Frames[1].Dlc);
    }

    [Fact]
    public void Read_CanFdLineWithMoreThan8BytesAndNoEdlFlag_IsCanFd()
    {
        string bytes = string.Join(" ", Enumerable.Repeat("AA", 64));
        var log = Read($"0.5 CANFD 4 Rx 4EE 0 1 f 64 {bytes} 1331984 11 0 46500250 460a0250 20011736 20010205\n");

        var frame = Assert.Single(log.Frames);
        Assert.True(frame.IsFd);
        Assert.Equal(CanFlags.Esi, frame.Flags & (CanFlags.Esi | CanFlags.Brs));
        Assert.Equal(64, frame.Length);
    }

    [Theory]
    [InlineData("nan 1 123 Rx d 1 00", "a time in seconds")]
    [InlineData("-0.5 1 123 Rx d 1 00", "a time in seconds")]
    [InlineData("-inf 1 123 Rx d 1 00", "a time in seconds")]
    [InlineData("0.5 1 1 123 Rx d 1 00", "'Rx' or 'Tx' after the id")]
    [InlineData("0.5 1 123 7 Rx d 1 00", "'Rx' or 'Tx' after the id")]
    public void Read_BadTimeOrExtraToken_IsAnErrorNamingTheLine(string bad, string expected)
    {
        foreach (var options in new[] { Utc, Utc with { Strict = true } })
        {
            var error = Assert.Throws<CanLogFormatException>(() => Read("0.1 1 123 Rx d 1 00\n" + bad + "\n", options));
            Assert.StartsWith("test.asc:2: expected ", error.Message);
            Assert.Contains(expected, error.Message);
        }
        Assert.Equal(1, Read("0.1 1 123 Rx d 1 00\n" + bad + "\n", Utc with { SkipBad = true }).Bad);
    }

    [Fact]
    public void Read_StatisticsAndJ1939Lines_AreStillSkippedNotErrors()
    {
        var log = Read("1.015991 1  Statistic: D 0 R 0 XD 0 XR 0 E 0 O 0 B 0.00%\n3.297743 1  J1939TP FEE3p 6 0 0 - Rx d 23 A0\n0.1 1 123 TxRq d 1 00\n");
        Assert.Empty(log.Frames);
        Assert.Equal(3, log.Skipped);
    }

    [Fact]
    public void Read_BaseDec_ReadsDecimalIdsDlcAndData()
    {
        var log = Read("""
            date Thu Nov 12 07:00:00 pm 2015
            base dec  timestamps absolute
            internal events logged
               1.000000 1  100             Tx   d 8   1   2   3   4   5   6   7 255  Length = 0 BitCount = 64 ID = 100
               1.500000 1  536870911x      Rx   d 2 16 32
            """);

        Assert.Equal(new CanFrame(100, [1, 2, 3, 4, 5, 6, 7, 255], CanFlags.Tx, 1_447_354_801_000_000_000L, 0), log.Frames[0]);
        Assert.Equal(new CanFrame(CanFrame.MaxExtendedId, [16, 32], CanFlags.Extended | CanFlags.Rx, 1_447_354_801_500_000_000L, 0), log.Frames[1]);
    }

    [Fact]
    public void Read_RelativeTimestamps_EachCountsFromTheEventBefore()
    {
        var log = Read("""
            date Mon Jun 03 10:00:00.000 2024
            base hex  timestamps relative
            no internal events logged
               0.500000 1  1               Rx   d 0
               0.250000 1  Statistic: D 0 R 0 XD 0 XR 0 E 0 O 0 B 0.00%
               0.250000 1  2               Rx   d 0
            """);
        long date = new DateTimeOffset(2024, 6, 3, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

        Assert.Equal(date + 500_000_000, log.Frames[0].TimestampNs);
        Assert.Equal(date + 1_000_000_000, log.Frames[1].TimestampNs);
    }

    [Fact]
    public void Read_NoDate_TimesCountFromZero()
    {
        var log = Read("   1.234567 1  123             Rx   d 1 AA\n");

        Assert.Equal(1_234_567_000L, log.Frames[0].TimestampNs);
    }

    [Theory]
    [InlineData("date Mon Jun 03 02:03:04.123 pm 2024", "UTC", "2024-06-03T14:03:04.123Z")]
    [InlineData("date Mon Jun 03 12:03:04.123 am 2024", "UTC", "2024-06-03T00:03:04.123Z")]
    [InlineData("date Mon Jun 03 12:03:04.123 PM 2024", "UTC", "2024-06-03T12:03:04.123Z")]
    [InlineData("date Mi Mai 15 10:20:30.456 2024", "Europe/Berlin", "2024-05-15T08:20:30.456Z")]
    [InlineData("date Sam Sep 30 15:06:13.191 2017", "UTC", "2017-09-30T15:06:13.191Z")]
    [InlineData("date Die Dez 21 11:29:01 2004", "Europe/Berlin", "2004-12-21T10:29:01Z")]
    [InlineData("date Mo Mär 04 11:00:00.5 2024", "UTC", "2024-03-04T11:00:00.5Z")]
    [InlineData("date Do Okt 10 09:00:00 2024", "UTC", "2024-10-10T09:00:00Z")]
    [InlineData("date Mon Mar 7 01:21:51 pm 2005", "UTC", "2005-03-07T13:21:51Z")]
    [InlineData("date Wed May  1 16:08:37 2024", "UTC", "2024-05-01T16:08:37Z")]
    [InlineData("date Fri May 31 04:08:37.123 pm 2024", "America/New_York", "2024-05-31T20:08:37.123Z")]
    public void Read_HeaderDate_IsLocalTimeInTheChosenZone(string dateLine, string zone, string expectedUtc)
    {
        var log = Read(dateLine + "\nbase hex  timestamps absolute\n   0.000000 1  1 Rx d 0\n",
            new CanLogReadOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone) });

        var expected = DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((expected - DateTimeOffset.UnixEpoch).Ticks * 100, log.Frames[0].TimestampNs);
    }

    [Fact]
    public void Read_GermanMarchInLatin1_IsMarch()
    {
        byte[] text = [.. "date Mo M"u8, 0xE4, .. "r 04 11:00:00 2024\n   0.000000 1  1 Rx d 0\n"u8];

        var log = LogIo.ReadBytes(text, CanLogFormat.Asc, Utc);

        Assert.Equal(new DateTimeOffset(2024, 3, 4, 11, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000, log.Frames[0].TimestampNs);
    }

    [Theory]
    [InlineData("   0.1 1  12G             Rx   d 1 11", "a hex id")]
    [InlineData("   0.1 1  123             Rx   d 9x", "a DLC (0-F)")]
    [InlineData("   0.1 1  123             Rx   d 3 11 22", "3 data bytes for DLC 3")]
    [InlineData("   0.1 1  123             Rx   d 1 11 22", "not more")]
    [InlineData("   0.1 1  123             Rx   q 1 11", "'d' (data) or 'r' (remote)")]
    [InlineData("   0.1 1  800             Rx   d 0", "an 11-bit id")]
    [InlineData("   0.1 0  123             Rx   d 0", "a channel number")]
    [InlineData("   1.2.3 1  123           Rx   d 0", "a time in seconds")]
    [InlineData("   0.1 CANFD 1 Rx 123 2 0 8 8 01 02 03 04 05 06 07 08", "BRS and ESI")]
    [InlineData("   0.1 CANFD 1 Rx 123 1 0 9 11 01 02 03 04 05 06 07 08 09 0A 0B 0 0 3000", "a CAN FD length")]
    [InlineData("   0.1 CANFD 1 Rx 123 1 0 9 12 01 02", "12 data bytes")]
    [InlineData("date Fri Foo 31 04:08:37.123 pm 2024", "a date like")]
    [InlineData("base oct", "'base hex' or 'base dec'")]
    public void Read_MalformedLine_NamesFileLineAndExpectation(string bad, string expected)
    {
        var error = Assert.Throws<CanLogFormatException>(() => Read("   0.000000 1  1 Rx d 0\n" + bad + "\n"));

        Assert.Equal(2, error.Line);
        Assert.StartsWith("test.asc:2: expected ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Read_SkipBad_CountsAndKeepsGoodFrames()
    {
        var log = Read("   0.1 1  1 Rx d 0\n   0.2 1  1 Rx d 2 11\n   0.3 1  2 Rx d 0\n", Utc with { SkipBad = true });

        Assert.Equal(2, log.Frames.Count);
        Assert.Equal(1, log.Bad);
    }

    [Fact]
    public void WriteThenRead_RandomFramesOfEveryKind_RoundTripInAnotherTimeZone()
    {
        var frames = RandomFrames.Make(3000, FrameFeatures.All, seed: 11);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

        byte[] bytes = LogIo.WriteBytes(frames, CanLogFormat.Asc, new CanLogWriteOptions { TimeZone = zone }, out var losses);
        var back = LogIo.ReadBytes(bytes, CanLogFormat.Asc, new CanLogReadOptions { TimeZone = zone });

        // ASC error frames say only "error frame": they come back as can-utils' asc2log makes them.
        var expected = frames.Select(f => f.IsError ? new CanFrame(AscLogReader.ErrorFrameClass, new byte[8], CanFlags.Error, f.TimestampNs, f.Channel) : f);
        Assert.Equal(FrameComparison.Named(expected, FrameComparison.Channels("can0", "can1", "can2")), FrameComparison.Named(back.Frames, back.Channels));
        Assert.Equal(frames.Count(f => f.IsError), Assert.Single(losses).Value);
        Assert.Equal(4, back.Skipped); // comment, trigger block begin and end, start of measurement
    }

    [Fact]
    public void Write_FramesOfEachKind_GivesVectorLayout()
    {
        CanFrame[] frames =
        [
            new(0x123, [0x11, 0x22], CanFlags.Rx, Start + 456_000, 0),
            new(0x1ABCDEF, [], CanFlags.Extended | CanFlags.Tx, Start + 1_000_000, 1),
            new(0x100, [], CanFlags.Remote | CanFlags.Tx, Start + 2_000_000, 0, remoteDlc: 5),
            new(0x321, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], CanFlags.Fd | CanFlags.Brs | CanFlags.Rx, Start + 3_000_000, 1),
            new(0x12345678, [], CanFlags.Fd | CanFlags.Esi | CanFlags.Extended | CanFlags.Tx, Start + 4_000_000, 0),
            new(AscLogReader.ErrorFrameClass, new byte[8], CanFlags.Error, Start + 5_000_000, 0),
        ];

        string text = LogIo.WriteText(frames, CanLogFormat.Asc, new CanLogWriteOptions { TimeZone = TimeZoneInfo.Utc });

        Assert.Equal(Header + """
               0.000456 1  123             Rx   d 2 11 22
               0.001000 2  1ABCDEFx        Tx   d 0
               0.002000 1  100             Tx   r 5
               0.003000 CANFD   2 Rx        321                                   1 0 9 12 01 02 03 04 05 06 07 08 09 0A 0B 0C        0    0     3000        0        0        0        0        0
               0.004000 CANFD   1 Tx   12345678x                                   0 1 0  0        0    0     5000        0        0        0        0        0
               0.005000 1  ErrorFrame
            End TriggerBlock

            """, text);
    }

    [Fact]
    public void Write_FrameEarlierThanTheFirst_IsWrittenAtTheStartAndCounted()
    {
        CanFrame[] frames = [new(0x1, [1], CanFlags.Rx, Start + 500_000_000, 0), new(0x2, [2], CanFlags.Rx, Start + 400_000_000, 0)];

        byte[] bytes = LogIo.WriteBytes(frames, CanLogFormat.Asc, new CanLogWriteOptions { TimeZone = TimeZoneInfo.Utc }, out var losses);

        Assert.Equal(1, Assert.Single(losses).Value);
        Assert.Equal(Start + 500_000_000, LogIo.ReadBytes(bytes, CanLogFormat.Asc, Utc).Frames[1].TimestampNs);
    }

    [Fact]
    public void Write_SubMicrosecondTimeAndNamedChannel_CountsLossesOrThrowsWhenStrict()
    {
        var frame = new CanFrame(0x1, [], CanFlags.Rx, Start + 1, 0);
        var channels = FrameComparison.Channels("vcan0");

        LogIo.WriteBytes([frame], CanLogFormat.Asc, new CanLogWriteOptions { Channels = channels }, out var losses);

        Assert.Equal(1, losses["sub-microsecond timestamp digits"]);
        Assert.Equal(1, losses["channel name"]);
        var error = Assert.Throws<CanLogLossException>(() =>
            LogIo.WriteBytes([frame], CanLogFormat.Asc, new CanLogWriteOptions { Strict = true }, out _));
        Assert.Contains("sub-microsecond", error.Message);
    }
}
