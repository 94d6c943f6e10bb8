using EdgeAI.Can.Logs;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Logs;

public class CsvLogTests
{
    private static LogContent Read(string text, CanLogReadOptions? options = null) => LogIo.ReadText(text, CanLogFormat.Csv, options, "test.csv");

    [Fact]
    public void Read_PythonCanRows_GivesFramesOfEveryKind()
    {
        var log = Read("""
            timestamp,arbitration_id,extended,remote,error,dlc,data
            1483389946.197,0x123,0,0,0,2,ESI=
            1483389946.2,0xdadada,1,0,0,7,WzQyLCA5XQ==
            1e-05,0x7ff,0,1,0,5,
            0.0,0x0,0,0,1,0,
            12.5,0x321,0,0,0,12,AQIDBAUGBwgJCgsM
            """);

        var f = log.Frames;
        Assert.Equal(new CanFrame(0x123, [0x11, 0x22], CanFlags.None, 1_483_389_946_197_000_000L, 0), f[0]);
        Assert.Equal(new CanFrame(0xDADADA, "[42, 9]"u8, CanFlags.Extended, 1_483_389_946_200_000_000L, 0), f[1]);
        Assert.Equal(new CanFrame(0x7FF, [], CanFlags.Remote, 10_000, 0, remoteDlc: 5), f[2]);
        Assert.Equal(new CanFrame(0, new byte[8], CanFlags.Error, 0, 0), f[3]); // SocketCAN's 8 error bytes
        Assert.Equal(new CanFrame(0x321, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], CanFlags.Fd, 12_500_000_000L, 0), f[4]);
        Assert.Equal(["can0"], log.Channels.Names);
    }

    [Fact]
    public void WriteThenRead_RandomFramesTheFormatHolds_RoundTripExactly()
    {
        var frames = RandomFrames.Make(3000, FrameFeatures.Extended | FrameFeatures.Remote | FrameFeatures.Error, seed: 51)
            .Select((f, i) => f.WithTimestamp(f.TimestampNs + i % 1000)).ToList(); // nanosecond digits too

        byte[] bytes = LogIo.WriteBytes(frames, CanLogFormat.Csv, null, out var losses);
        var back = LogIo.ReadBytes(bytes, CanLogFormat.Csv);

        Assert.Empty(losses);
        Assert.Equal(frames, back.Frames);
    }

    [Fact]
    public void Write_FramesOfEachKind_GivesPythonCanLayout()
    {
        CanFrame[] frames =
        [
            new(0x123, [0x11, 0x22], CanFlags.None, 1_483_389_946_197_000_000L),
            new(0xDADADA, "[42, 9]"u8, CanFlags.Extended, 1_483_389_946_200_000_001L),
            new(0x7FF, [], CanFlags.Remote, 10_000, remoteDlc: 5),
            new(0x80, new byte[8], CanFlags.Error, 0),
        ];

        Assert.Equal("""
            timestamp,arbitration_id,extended,remote,error,dlc,data
            1483389946.197,0x123,0,0,0,2,ESI=
            1483389946.200000001,0xdadada,1,0,0,7,WzQyLCA5XQ==
            0.00001,0x7ff,0,1,0,5,
            0.0,0x80,0,0,1,8,AAAAAAAAAAA=

            """, LogIo.WriteText(frames, CanLogFormat.Csv));
    }

    [Fact]
    public void Write_FdChannelAndDirection_AreCountedAsLosses()
    {
        CanFrame[] frames =
        [
            new(0x1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], CanFlags.Fd | CanFlags.Brs, 0, 0),
            new(0x2, [1], CanFlags.Rx, 0, 1),
        ];

        var text = LogIo.WriteBytes(frames, CanLogFormat.Csv, null, out var losses);
        var back = LogIo.ReadBytes(text, CanLogFormat.Csv);

        Assert.Equal(new Dictionary<string, long> { ["CAN FD flags"] = 1, ["channel"] = 1, ["direction"] = 1 }, losses);
        Assert.Equal(CanFlags.Fd, back.Frames[0].Flags); // more than 8 bytes: CAN FD, BRS unknown
        Assert.Throws<CanLogLossException>(() => LogIo.WriteBytes(frames, CanLogFormat.Csv, new CanLogWriteOptions { Strict = true }, out _));
    }

    [Theory]
    [InlineData("1.0,0x123,0,0,0,2", "7 comma-separated fields")]
    [InlineData("1.0,0x123,0,0,0,2,ESI=,x", "7 comma-separated fields")]
    [InlineData("one,0x123,0,0,0,2,ESI=", "a timestamp in seconds")]
    [InlineData("1.0,0xZZ,0,0,0,2,ESI=", "a hex arbitration id")]
    [InlineData("1.0,0x123,yes,0,0,2,ESI=", "1 or 0")]
    [InlineData("1.0,0x123,0,0,0,3,ESI=", "a dlc equal to the number of data bytes (2)")]
    [InlineData("1.0,0x123,0,0,0,2,E$I=", "base64 data")]
    [InlineData("1.0,0x123,0,1,0,2,ESI=", "no data for a remote frame")]
    [InlineData("1.0,0x800,0,0,0,2,ESI=", "an 11-bit id")]
    public void Read_MalformedRow_NamesFileLineAndExpectation(string bad, string expected)
    {
        var error = Assert.Throws<CanLogFormatException>(() => Read(CsvHeader + "\n1.0,0x1,0,0,0,0,\n" + bad + "\n"));

        Assert.Equal(3, error.Line);
        Assert.StartsWith("test.csv:3: expected ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Read_SkipBad_CountsAndKeepsGoodFrames()
    {
        var log = Read(CsvHeader + "\n1.0,0x1,0,0,0,0,\nbad\n2.0,0x2,0,0,0,0,\n", new CanLogReadOptions { SkipBad = true });

        Assert.Equal(2, log.Frames.Count);
        Assert.Equal(1, log.Bad);
    }

    private const string CsvHeader = "timestamp,arbitration_id,extended,remote,error,dlc,data";
}
