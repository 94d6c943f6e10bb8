using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Can;

public class CanConvertCommandTests
{
    private const string Log = "(10.000000) can0 100#01\n(10.500000) can0 200#02\n(11.000000) can1 100#03\n(12.500000) can0 300#04\n";

    [Fact]
    public void Convert_WithChannelTimeAndIdFilters_KeepsOnlySelectedFrames()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("in.log"), Log);

        var (code, stdout, _) = CliRunner.Run("can", "convert", dir.File("in.log"), dir.File("out.log"), "--channel", "can0", "--start", "0.4", "--end", "2.5", "--ids", "0x200-0x3FF");

        Assert.Equal(0, code);
        Assert.Contains("2 frames", stdout);
        Assert.Equal("(10.500000) can0 200#02\n(12.500000) can0 300#04\n", File.ReadAllText(dir.File("out.log")));
    }

    [Fact]
    public void Convert_CorruptLine_ExitsTwoWithOneLineAndKeepsExistingOutput()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("in.log"), Log + "(13.000000) can0 12#XYZ\n");
        File.WriteAllText(dir.File("out.log"), "previous\n");

        var (code, _, stderr) = CliRunner.Run("can", "convert", dir.File("in.log"), dir.File("out.log"));

        Assert.Equal(2, code);
        Assert.Equal($"edgeai: {dir.File("in.log")}:5: expected data as hex byte pairs, 0-8 bytes, found '(13.000000) can0 12#XYZ'", stderr.TrimEnd());
        Assert.Equal("previous\n", File.ReadAllText(dir.File("out.log")));
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length);
    }

    [Theory]
    [InlineData("out.xyz", "expected a log file ending in .log, .asc, .blf, .trc or .csv")]
    [InlineData("out.log", "no such file", "missing.log")]
    public void Convert_BadNames_ExitTwoWithOneLine(string output, string message, string input = "in.log")
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("in.log"), Log);

        var (code, _, stderr) = CliRunner.Run("can", "convert", dir.File(input), dir.File(output));

        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Convert_UnknownOption_ExitsTwo()
    {
        var (code, _, stderr) = CliRunner.Run("can", "convert", "a.log", "b.log", "--no-such-option");

        Assert.Equal(2, code);
        Assert.Contains("--no-such-option", stderr);
    }

    [Fact]
    public void Stats_Json_ReportsPerIdPeriods()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("in.log"), "(0.000000) can0 100#01\n(0.010000) can0 100#01\n(0.020000) can0 100#01\n");

        var (code, stdout, _) = CliRunner.Run("can", "stats", dir.File("in.log"), "--json");

        Assert.Equal(0, code);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        var id = json.RootElement.GetProperty("channels")[0].GetProperty("ids")[0];
        Assert.Equal(256, id.GetProperty("id").GetInt32());
        Assert.Equal(10.0, id.GetProperty("period_mean_ms").GetDouble(), 6);
        Assert.Equal(3, id.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Convert_FdFramesToCsv_WarnsWithCountAndStrictRefuses()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("fd.log"), "(1.000000) can0 100##1112233445566778899AABBCC\n(1.100000) can0 101#01\n(1.200000) can0 102##0AA\n");

        var (code, _, stderr) = CliRunner.Run("can", "convert", dir.File("fd.log"), dir.File("out.csv"));
        var (strictCode, _, strictError) = CliRunner.Run("can", "convert", dir.File("fd.log"), dir.File("strict.csv"), "--strict");

        Assert.Equal(0, code);
        Assert.Contains("warning: 2 frames lost CAN FD flags", stderr);
        Assert.Equal(2, strictCode);
        Assert.Contains("cannot write without losing information: CAN FD flags", strictError);
        Assert.False(File.Exists(dir.File("strict.csv")));
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length);
    }
}
