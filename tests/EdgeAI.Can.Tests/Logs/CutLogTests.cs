using EdgeAI.Can.Logs;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Logs;

/// <summary>A log cut short (a logger that lost power, a partial copy) is said, never read as a shorter complete log.</summary>
public sealed class CutLogTests
{
    private static (long Frames, IReadOnlyList<string> Warnings) ReadAll(string path, bool strict = false)
    {
        using var reader = CanLogFiles.OpenReader(path, new CanLogReadOptions { Strict = strict });
        long frames = 0;
        while (reader.TryRead(out _)) frames++;
        return (frames, reader.Warnings);
    }

    [Fact]
    public void Candump_EndingInsideALine_ReadsWithAWarningNamingTheLine_AndStrictRefuses()
    {
        using var dir = new TempDirectory();
        string path = dir.File("cut.log");
        File.WriteAllText(path, "(1.000000) can0 123#0011223344556677\n(2.000000) can0 123#00112233");

        var (frames, warnings) = ReadAll(path);
        Assert.Equal(2, frames);
        Assert.StartsWith($"{path}:2: the file ends inside this line", Assert.Single(warnings));
        var e = Assert.Throws<CanLogFormatException>(() => ReadAll(path, strict: true));
        Assert.StartsWith($"{path}:2:", e.Message);
    }

    [Fact]
    public void Candump_WithItsLastLineEnd_HasNoWarning()
    {
        using var dir = new TempDirectory();
        string path = dir.File("whole.log");
        File.WriteAllText(path, "(1.000000) can0 123#00\r\n(2.000000) can0 123#01\r\n");
        Assert.Empty(ReadAll(path).Warnings);
    }

    [Fact]
    public void Gzip_WithoutItsTrailer_WarnsThatTheStreamMayBeCut()
    {
        using var dir = new TempDirectory();
        byte[] whole = File.ReadAllBytes(RepoPaths.CityDriveLog);
        string path = dir.File("cut.log.gz");
        File.WriteAllBytes(path, whole.AsSpan(0, whole.Length - 8).ToArray()); // every deflate block, no CRC/size trailer

        var (_, warnings) = ReadAll(path);
        Assert.Contains(warnings, w => w.StartsWith(path + ": the gzip stream ends after", StringComparison.Ordinal));
        Assert.Throws<CanLogFormatException>(() => ReadAll(path, strict: true));
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(300_000)]
    public void Gzip_CutInTheMiddle_IsNeverReadSilently(int keep)
    {
        using var dir = new TempDirectory();
        string path = dir.File("cut.log.gz");
        File.WriteAllBytes(path, File.ReadAllBytes(RepoPaths.CityDriveLog).AsSpan(0, keep).ToArray());
        try
        {
            var (frames, warnings) = ReadAll(path);
            Assert.True(frames < 303920);
            Assert.NotEmpty(warnings);
        }
        catch (CanLogFormatException e)
        {
            Assert.StartsWith(path, e.Message); // the cut fell inside a line: an error naming it is as good as a warning
        }
    }

    [Fact]
    public void Gzip_Whole_HasNoWarning()
    {
        var (frames, warnings) = ReadAll(RepoPaths.CityDriveLog);
        Assert.Equal(303920, frames);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Gzip_DamagedInside_NamesTheFileAndTheCompressedOffset()
    {
        using var dir = new TempDirectory();
        byte[] bytes = File.ReadAllBytes(RepoPaths.CityDriveLog);
        bytes[3000] ^= 0xFF;
        bytes[3001] ^= 0x55;
        string path = dir.File("bad.log.gz");
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<CanLogFormatException>(() => ReadAll(path));
        Assert.StartsWith(path + "@", e.Message);
        Assert.Contains("expected a gzip stream that decompresses", e.Message);
    }
}
