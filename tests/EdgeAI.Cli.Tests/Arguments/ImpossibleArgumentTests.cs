using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Arguments;

/// <summary>Values no run could use are refused with exit 2 and one line naming the option, before any work starts.</summary>
public sealed class ImpossibleArgumentTests
{
    [Theory]
    [InlineData("--bitrate", "NaN")]
    [InlineData("--bitrate", "250")]
    [InlineData("--bitrate", "1e-300")]
    [InlineData("--data-bitrate", "50M")]
    public void Stats_ImpossibleBitRate_IsRefusedNamingTheOption(string option, string value)
    {
        var (code, stdout, stderr) = CliRunner.Run("can", "stats", RepoPaths.CityDriveLog, option, value);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains($"{option}: expected a bit rate from 5k to 20M", stderr);
        Assert.Contains($"found '{value}'", stderr);
    }

    [Theory]
    [InlineData("sim:bitrate=NaN")]
    [InlineData("sim:bitrate=1e-300")]
    [InlineData("sim:busoff=5000000s+1s")]
    [InlineData("sim:busoff=1s+NaN")]
    public void Replay_ImpossibleSimulatedBus_IsRefused(string target)
    {
        var (code, _, stderr) = CliRunner.Run("can", "replay", RepoPaths.CityDriveLog, "--to", target, "--speed", "max");
        Assert.Equal(2, code);
        Assert.Contains("--to", stderr);
        Assert.Contains("expected", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Theory]
    [InlineData("--start", "NaN")]
    [InlineData("--end", "NaN")]
    [InlineData("--start", "Infinity")]
    public void Convert_NaNWindow_IsRefused(string option, string value)
    {
        using var dir = new TempDirectory();
        string output = dir.File("out.log");
        var (code, _, stderr) = CliRunner.Run("can", "convert", RepoPaths.CityDriveLog, output, option, value);
        Assert.Equal(2, code);
        Assert.Contains("--start/--end: expected seconds from the first frame", stderr);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("America")]
    [InlineData("Not/AZone")]
    [InlineData("../../etc/passwd")]
    public void Convert_TimeZoneThatIsNoZone_IsRefused(string zone)
    {
        using var dir = new TempDirectory();
        var (code, _, stderr) = CliRunner.Run("can", "convert", RepoPaths.CityDriveLog, dir.File("out.asc"), "--tz", zone);
        Assert.Equal(2, code);
        Assert.Equal($"edgeai: --tz: expected a time zone id such as UTC or Europe/Berlin, found '{zone}'", stderr.TrimEnd());
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("-1")]
    [InlineData("Infinity")]
    public void Chat_AtThatIsNoTime_IsRefused(string at)
    {
        var (code, _, stderr) = CliRunner.Run("chat", "--fallback", "--prompt", "hi", "--at", at);
        Assert.Equal(2, code);
        Assert.Contains("--at", stderr);
        Assert.Contains("expected seconds from the start of the drive", stderr);
    }

    [Fact]
    public void OptionOfTheWrongType_IsOneLineInTheUsersWords()
    {
        var (code, _, stderr) = CliRunner.Run("can", "convert", RepoPaths.CityDriveLog, "out.log", "--end", "soon");
        Assert.Equal(2, code);
        Assert.Equal("edgeai: Cannot parse argument 'soon' for option '--end' as a number; see 'edgeai can convert --help'", stderr.TrimEnd());
    }

    [Theory]
    [InlineData("stats")]
    [InlineData("decode")]
    [InlineData("convert")]
    public void EmptyInputPath_IsOneLine(string command)
    {
        string[] args = command switch
        {
            "decode" => ["can", command, "", "--dbc", RepoPaths.DemoDbc],
            "convert" => ["can", command, "", "out.log"],
            _ => ["can", command, ""],
        };
        var (code, _, stderr) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Equal("edgeai: expected a log file path (or - for standard input), found ''", stderr.TrimEnd());
    }

    [Fact]
    public void NoArguments_PointsAtHelpWithOneSpace()
    {
        var (code, _, stderr) = CliRunner.Run();
        Assert.Equal(2, code);
        Assert.Equal("edgeai: Required command was not provided; see 'edgeai --help'", stderr.TrimEnd());
    }

    [Fact]
    public void UnknownSubcommandOption_PointsAtThatCommandsHelp()
    {
        var (code, _, stderr) = CliRunner.Run("can", "stats", RepoPaths.CityDriveLog, "--no-such-option");
        Assert.Equal(2, code);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.EndsWith("; see 'edgeai can stats --help'", stderr.TrimEnd());
    }
}
