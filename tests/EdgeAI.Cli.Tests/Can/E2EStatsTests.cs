using System.Text.Json;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Can;

/// <summary><c>can stats --signals MAP</c> counts end-to-end failures per protected message.</summary>
public sealed class E2EStatsTests
{
    private static string DemoMap => RepoPaths.Get("models", "vehicle", "edgeai_demo.signals.json");

    [Fact]
    public void Stats_DamagedCopyOfTheDrive_CountsExactlyTheDamage()
    {
        using var dir = new TempDirectory();
        string clean = dir.File("clean.log"), damaged = dir.File("damaged.log");
        Assert.Equal(0, CliRunner.Run("can", "convert", RepoPaths.CityDriveLog, clean, "--end", "20").ExitCode);
        var lines = File.ReadAllLines(clean).ToList();
        // Three VCU_DriveState frames (id 0C0) with a payload bit flipped, and one EPS_Steering (0A0) frame sent twice.
        int flipped = 0;
        for (int i = 100; i < lines.Count && flipped < 3; i += 400)
        {
            int at = lines.FindIndex(i, l => l.Contains(" 0C0#", StringComparison.Ordinal));
            int hash = lines[at].IndexOf('#');
            char c = lines[at][hash + 1];
            lines[at] = lines[at][..(hash + 1)] + (c == '0' ? '1' : '0') + lines[at][(hash + 2)..];
            flipped++;
        }
        int eps = lines.FindIndex(2000, l => l.Contains(" 0A0#", StringComparison.Ordinal));
        lines.Insert(eps + 1, lines[eps]);
        File.WriteAllLines(damaged, lines);

        var (code, stdout, _) = CliRunner.Run("can", "stats", damaged, "--signals", DemoMap, "--json");
        var (cleanCode, cleanOut, _) = CliRunner.Run("can", "stats", clean, "--signals", DemoMap, "--json");

        Assert.Equal((0, 0), (code, cleanCode));
        var e2e = JsonDocument.Parse(stdout).RootElement.GetProperty("e2e").EnumerateArray().ToDictionary(e => e.GetProperty("message").GetString()!);
        Assert.Equal(3, e2e["VCU_DriveState"].GetProperty("checksum_failures").GetInt64());
        Assert.Equal(0, e2e["VCU_DriveState"].GetProperty("counter_jumps").GetInt64());
        Assert.Equal(1, e2e["EPS_Steering"].GetProperty("counter_repeats").GetInt64());
        Assert.Equal(0, e2e["EPS_Steering"].GetProperty("checksum_failures").GetInt64());
        Assert.Equal(0, e2e["ACU_Occupancy"].GetProperty("checksum_failures").GetInt64() + e2e["ACU_Occupancy"].GetProperty("counter_repeats").GetInt64());
        foreach (var message in JsonDocument.Parse(cleanOut).RootElement.GetProperty("e2e").EnumerateArray())
        {
            Assert.True(message.GetProperty("frames").GetInt64() > 0);
            Assert.Equal(0, message.GetProperty("checksum_failures").GetInt64() + message.GetProperty("counter_repeats").GetInt64() + message.GetProperty("counter_jumps").GetInt64());
        }
    }

    [Fact]
    public void Stats_BadSignalMap_OneLineExitTwo()
    {
        var (code, _, stderr) = CliRunner.Run("can", "stats", RepoPaths.CityDriveLog, "--signals", "/nonexistent/car.signals.json");
        Assert.Equal(2, code);
        Assert.Equal("edgeai: /nonexistent/car.signals.json: no such signal map", stderr.TrimEnd());
    }
}
