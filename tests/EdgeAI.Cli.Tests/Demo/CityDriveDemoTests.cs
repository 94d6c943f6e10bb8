using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Demo;

/// <summary>
/// <c>demo --log</c>: a bare CAN log (the bundled city drive) through the real decoder and dashboard, without services
/// or camera, compared with a golden file. After an intended change, regenerate it with EDGEAI_UPDATE_GOLDEN=1 and
/// review the diff.
/// </summary>
public class CityDriveDemoTests
{
    private static string CityDrive => RepoPaths.Get("models", "scenarios", "city-drive", "can.log.gz");

    private static string GoldenPath => RepoPaths.Get("tests", "EdgeAI.Cli.Tests", "Demo", "Golden", "demo-city-drive.txt");

    [Fact]
    public void Demo_BundledDriveAtMaxSpeed_MatchesGoldenTimeline()
    {
        var (code, stdout, stderr) = CliRunner.Run("demo", "--log", CityDrive, "--speed", "max", "--plain");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        if (Environment.GetEnvironmentVariable("EDGEAI_UPDATE_GOLDEN") == "1") File.WriteAllText(GoldenPath, stdout);
        Assert.Equal(File.ReadAllText(GoldenPath), stdout);
    }

    [Fact]
    public void Demo_BundledDrive_TellsTheStoryOfTheDrive()
    {
        var (_, stdout, _) = CliRunner.Run("demo", "--log", CityDrive, "--speed", "max", "--plain", "--every", "1000");
        string[] story = ["driver door open", "driver belt buckled", "gear P -> D", "moving off", "stopped", "right indicator on",
                          "gear D -> R", "gear R -> P", "parking brake Released -> Applied", "driver belt unbuckled"];

        int at = 0;
        foreach (var line in story)
        {
            int found = stdout.IndexOf(line, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{line}' missing or out of order in:\n{stdout}");
            at = found;
        }
        Assert.Contains("(303920 decoded)", stdout);
    }

    [Theory]
    [InlineData("--speed", "0", "--speed: expected a factor from 0.1 to 100 or 'max'")]
    [InlineData("--log", "/nonexistent/drive.log", "/nonexistent/drive.log: no such CAN log")]
    [InlineData("--scenario", "/nonexistent/drive", "/nonexistent/drive: no such scenario")]
    [InlineData("--to", "0", "--from/--to: expected 0 <= from < to seconds of drive")]
    public void Demo_BadOptions_ExitTwoWithOneLine(string option, string value, string message)
    {
        var (code, _, stderr) = CliRunner.Run("demo", option, value, "--plain");

        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }
}
