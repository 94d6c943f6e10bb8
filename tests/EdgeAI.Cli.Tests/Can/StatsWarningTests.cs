using System.Text.Json;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Can;

/// <summary>can stats says when its figures rest on something odd in the input, instead of printing them silently.</summary>
public sealed class StatsWarningTests
{
    [Fact]
    public void Stats_TimestampsOutOfOrder_WarnsAndKeepsDurationAndPeriodsPositive()
    {
        using var dir = new TempDirectory();
        string log = dir.File("backwards.log");
        File.WriteAllText(log, """
            (100.000000) can0 123#00
            (100.010000) can0 123#01
            (100.005000) can0 123#02
            (100.020000) can0 123#03

            """);
        var (code, stdout, stderr) = CliRunner.Run("can", "stats", log, "--json");
        Assert.Equal(0, code);
        Assert.Contains("channel can0: 1 frames are earlier than the frame before them", stderr);
        using var doc = JsonDocument.Parse(stdout);
        var channel = doc.RootElement.GetProperty("channels")[0];
        Assert.Equal(1, channel.GetProperty("out_of_order").GetInt64());
        Assert.Equal(0.02, channel.GetProperty("duration_s").GetDouble(), 6);
        var id = channel.GetProperty("ids")[0];
        Assert.True(id.GetProperty("period_min_ms").GetDouble() > 0, "a step back in time is not a period");
    }

    [Fact]
    public void Stats_LoadAboveWhatTheBusCarries_Warns()
    {
        // The bundled drive at 5 kbit/s: about a hundred times what such a bus can carry.
        var (code, _, stderr) = CliRunner.Run("can", "stats", RepoPaths.CityDriveLog, "--bitrate", "5k");
        Assert.Equal(0, code);
        Assert.Contains("is more than the bus can carry; is --bitrate right?", stderr);
    }

    [Fact]
    public void Stats_NormalLoad_PrintsNoWarning()
    {
        var (code, _, stderr) = CliRunner.Run("can", "stats", RepoPaths.CityDriveLog);
        Assert.Equal(0, code);
        Assert.DoesNotContain("warning", stderr);
    }
}
