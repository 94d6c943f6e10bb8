using System.Text;
using EdgeAI.Can;
using EdgeAI.Can.Logs;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Logs;

public class CandumpLogTests
{
    private static List<CanFrame> ReadAll(string text, CanLogReadOptions? options = null) => ReadAll(text, out _, options);

    private static List<CanFrame> ReadAll(string text, out CanChannelTable channels, CanLogReadOptions? options = null)
    {
        using var reader = CanLogFiles.OpenReader(new MemoryStream(Encoding.ASCII.GetBytes(text)), CanLogFormat.Candump, "test.log", options);
        var frames = new List<CanFrame>();
        while (reader.TryRead(out var frame)) frames.Add(frame);
        channels = reader.Channels;
        return frames;
    }

    private static string WriteAll(IEnumerable<CanFrame> frames, CanChannelTable? channels = null)
    {
        var stream = new MemoryStream();
        using (var writer = CanLogFiles.CreateWriter(stream, CanLogFormat.Candump, "out.log", new CanLogWriteOptions { Channels = channels }))
        {
            foreach (var frame in frames) writer.Write(frame);
            writer.Complete();
        }
        return Encoding.ASCII.GetString(stream.ToArray());
    }

    [Fact]
    public void Read_RawClassicDlc_KeepsTheDlcAndRoundTrips()
    {
        // can-utils' lib.c: 8 data bytes sent with DLC 9..15 are "_D" after the data, and "R8_D" for remote frames.
        const string Text = "(1.000000) can0 123#1122334455667788_D\n(2.000000) can0 124#R8_F\n(3.000000) can0 125#1122334455667788\n";
        var frames = ReadAll(Text);

        Assert.Equal(3, frames.Count);
        Assert.Equal(13, frames[0].Dlc);
        Assert.Equal(8, frames[0].Length);
        Assert.True(frames[1].IsRemote);
        Assert.Equal(15, frames[1].Dlc);
        Assert.Equal(8, frames[2].Dlc);
        Assert.Equal(Text, WriteAll(frames));
    }

    [Theory]
    [InlineData("(1.0) can0 123#112233_D")]
    [InlineData("(1.0) can0 123#1122334455667788_8")]
    [InlineData("(1.0) can0 123#1122334455667788_DD")]
    [InlineData("(1.0) can0 123#R7_D")]
    public void Read_BadRawClassicDlc_IsAnError(string line)
    {
        Assert.Throws<CanLogFormatException>(() => ReadAll(line + "\n"));
    }

    [Fact]
    public void Read_CanUtilsLines_GivesFramesWithAllKinds()
    {
        var frames = ReadAll("""
            (1436509052.249713) vcan0 044#2A366C2BBA
            (1436509052.449847) vcan0 0F6#
            (1436509052.650004) can1 12345678#DEADBEEF
            (1436509052.850000) vcan0 123#R
            (1436509052.850001) vcan0 123#R5
            (1436509053.000000) vcan0 321##1112233445566778899AABBCC
            (1436509053.100000) vcan0 20000080#0000000000000000
            (1436509053.200000) vcan0 7FF#11.22.33 T
            """);

        Assert.Equal(8, frames.Count);
        Assert.Equal(0x044u, frames[0].Id);
        Assert.Equal(new byte[] { 0x2A, 0x36, 0x6C, 0x2B, 0xBA }, frames[0].Data.ToArray());
        Assert.Equal(1_436_509_052_249_713_000L, frames[0].TimestampNs);
        Assert.Equal(0, frames[1].Length);
        Assert.True(frames[2].IsExtended);
        Assert.Equal(0x12345678u, frames[2].Id);
        Assert.Equal(1, frames[2].Channel);
        Assert.True(frames[3].IsRemote);
        Assert.Equal(0, frames[3].Dlc);
        Assert.Equal(5, frames[4].Dlc);
        Assert.True(frames[5].IsFd);
        Assert.Equal(CanFlags.Fd | CanFlags.Brs, frames[5].Flags);
        Assert.Equal(12, frames[5].Length);
        Assert.True(frames[6].IsError);
        Assert.Equal(0x80u, frames[6].Id);
        Assert.Equal(CanFlags.Tx, frames[7].Flags);
        Assert.Equal(new byte[] { 0x11, 0x22, 0x33 }, frames[7].Data.ToArray());
    }

    [Fact]
    public void WriteThenRead_RandomFramesOfEveryKind_RoundTripsExactly()
    {
        var frames = RandomFrames.Make(2000, FrameFeatures.All, seed: 7);
        var channels = FrameComparison.Channels("can0", "can1", "vcan2");

        var back = ReadAll(WriteAll(frames, channels), out var backChannels);

        Assert.Equal(FrameComparison.Named(frames, channels), FrameComparison.Named(back, backChannels));
    }

    [Fact]
    public void ReadThenWrite_CanUtilsText_IsByteForByteTheSame()
    {
        const string text = "(1436509052.249713) vcan0 044#2A366C2BBA\n(1436509052.650004) can1 12345678#DEADBEEF\n" +
                            "(1436509053.000000) vcan0 321##3112233445566778899AABBCC\n(1436509053.100000) vcan0 20000080#0000000000000000\n" +
                            "(1436509053.200000) vcan0 123#R3\n";
        using var reader = CanLogFiles.OpenReader(new MemoryStream(Encoding.ASCII.GetBytes(text)), CanLogFormat.Candump, "in.log");
        var frames = new List<CanFrame>();
        while (reader.TryRead(out var frame)) frames.Add(frame);

        Assert.Equal(text, WriteAll(frames, reader.Channels));
    }

    [Theory]
    [InlineData("(1436509052.249713) vcan0 044#2A366C2BB", "data as hex byte pairs")]
    [InlineData("(1436509052.249713) vcan0 04#2A#", "data as hex byte pairs")]
    [InlineData("(14365x9052.249713) vcan0 044#2A", "a timestamp")]
    [InlineData("1436509052.249713 vcan0 044#2A", "candump -L")]
    [InlineData("(1436509052.249713) vcan0 1234#2A", "3-digit standard or 8-digit extended")]
    [InlineData("(1436509052.249713) vcan0 044#112233445566778899", "0-8 bytes")]
    public void Read_MalformedLine_NamesFileLineAndExpectation(string bad, string expected)
    {
        var error = Assert.Throws<CanLogFormatException>(() => ReadAll("(1.000000) can0 001#00\n" + bad + "\n"));

        Assert.Equal(2, error.Line);
        Assert.StartsWith("test.log:2: expected ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Read_SkipBad_CountsAndKeepsGoodFrames()
    {
        using var reader = CanLogFiles.OpenReader(new MemoryStream("(1.0) can0 001#00\ngarbage\n(2.0) can0 002#01\n"u8.ToArray()),
            CanLogFormat.Candump, "x.log", new CanLogReadOptions { SkipBad = true });
        int frames = 0;
        while (reader.TryRead(out _)) frames++;

        Assert.Equal(2, frames);
        Assert.Equal(1, reader.BadRecords);
    }
}
