using System.IO.Compression;
using System.Text;
using EdgeAI.Can.Logs;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Logs;

/// <summary>Logs cut short (power loss, a partial copy): every whole frame is read, with a warning naming the file and
/// where it ends; <see cref="CanLogReadOptions.Strict"/> refuses them.</summary>
public sealed class CutLogTests
{
    private static readonly CanLogReadOptions Strict = new() { Strict = true };

    private static string CandumpLines(int count)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++) text.Append($"({i}.000000) can0 {i % 0x7FF:X3}#1122334455667788\n");
        return text.ToString();
    }

    private static (List<CanFrame> Frames, IReadOnlyList<string> Warnings) ReadAll(string path, CanLogReadOptions? options = null)
    {
        using var reader = CanLogFiles.OpenReader(path, options);
        var frames = new List<CanFrame>();
        while (reader.TryRead(out var frame)) frames.Add(frame);
        return (frames, reader.Warnings);
    }

    [Fact]
    public void Read_TextLogEndingInsideALine_ReadsItAndWarnsWithTheLine()
    {
        using var reader = CanLogFiles.OpenReader(new MemoryStream("(1.0) can0 123#1122\n(2.0) can0 124#11"u8.ToArray()), CanLogFormat.Candump, "cut.log");
        int frames = 0;
        while (reader.TryRead(out _)) frames++;

        Assert.Equal(2, frames);
        Assert.Equal("cut.log: ends inside line 2 (the file may be cut)", Assert.Single(reader.Warnings));
    }

    [Fact]
    public void Read_TextLogCutInsideAFrameLine_WarnsInsteadOfAnError()
    {
        using var reader = CanLogFiles.OpenReader(new MemoryStream("(1.0) can0 123#1122\n(2.0) can0 1"u8.ToArray()), CanLogFormat.Candump, "cut.log");
        int frames = 0;
        while (reader.TryRead(out _)) frames++;

        Assert.Equal(1, frames);
        Assert.Equal("cut.log: ends inside line 2 (the file may be cut)", Assert.Single(reader.Warnings));
    }

    [Fact]
    public void Read_TrcCutInTheIndentOfItsNextLine_Warns()
    {
        // TRC indents each line: a cut just after a line end leaves spaces and no newline (found by edgeai-fuzz).
        string trc = ";$FILEVERSION=1.1\r\n;$STARTTIME=46156.3200\r\n      1)         1.000  Rx         0123  2  11 22 \r\n     ";
        using var reader = CanLogFiles.OpenReader(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(trc)), CanLogFormat.Trc, "cut.trc");
        int frames = 0;
        while (reader.TryRead(out _)) frames++;

        Assert.Equal(1, frames);
        Assert.Equal("cut.trc: ends inside line 4 (the file may be cut)", Assert.Single(reader.Warnings));
    }

    [Fact]
    public void Read_TextLogEndingInsideALine_IsRefusedWhenStrict()
    {
        var error = Assert.Throws<CanLogFormatException>(() =>
            LogIo.ReadBytes("(1.0) can0 123#1122\n(2.0) can0 124#11"u8.ToArray(), CanLogFormat.Candump, Strict, "cut.log"));
        Assert.StartsWith("cut.log:2: expected a newline at the end of the last line", error.Message);
    }

    [Fact]
    public void Read_TextLogEndingInsideANonFrameLine_GivesNoWarning()
    {
        using var reader = CanLogFiles.OpenReader(new MemoryStream("0.1 1 123 Rx d 1 00\nEnd TriggerBlock"u8.ToArray()), CanLogFormat.Asc, "t.asc",
            new CanLogReadOptions { TimeZone = TimeZoneInfo.Utc });
        while (reader.TryRead(out _)) { }
        Assert.Empty(reader.Warnings);
    }

    [Theory]
    [InlineData(8)]     // without the trailer
    [InlineData(300)]   // cut inside the compressed data
    public void Read_CutGzip_ReadsWhatIsThereAndWarnsWithTheCompressedOffset(int cut)
    {
        using var dir = new TempDirectory();
        string path = dir.File("drive.log.gz");
        byte[] whole = Gzip(CandumpLines(2000));
        File.WriteAllBytes(path, whole[..^cut]);

        var (frames, warnings) = ReadAll(path);

        Assert.InRange(frames.Count, 1, 2000);
        Assert.Contains(warnings, w => w == $"{path}@{whole.Length - cut}: the gzip stream ends early (the file may be cut; the frames before were read)");
        var error = Assert.Throws<CanLogFormatException>(() => ReadAll(path, Strict));
        Assert.Equal($"{path}@{whole.Length - cut}", error.Message[..error.Message.IndexOf(": ", StringComparison.Ordinal)]);
    }

    [Fact]
    public void Read_WholeGzip_GivesNoWarning()
    {
        using var dir = new TempDirectory();
        string path = dir.File("drive.log.gz");
        File.WriteAllBytes(path, Gzip(CandumpLines(2000)));

        var (frames, warnings) = ReadAll(path, Strict);

        Assert.Equal(2000, frames.Count);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Read_CorruptGzip_NamesFileAndOffset()
    {
        using var dir = new TempDirectory();
        string path = dir.File("drive.log.gz");
        byte[] bytes = Gzip(CandumpLines(2000));
        bytes[10] = 0xFF; // the first deflate block header: an invalid block type
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<CanLogFormatException>(() => ReadAll(path));

        Assert.StartsWith(path + "@", error.Message);
        Assert.Contains("expected gzip data", error.Message);
    }

    private static byte[] Gzip(string text)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }
}
