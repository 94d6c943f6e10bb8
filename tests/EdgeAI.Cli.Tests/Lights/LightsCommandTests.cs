using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Lights;

/// <summary>
/// <c>edgeai lights</c> on the bundled Adlershof drive, checked against what SUMO did: every stop of 5 s or more (but
/// the charging stop) is at a red of the scenario's SPaT feed, close to its stop line, and the predicted time to green
/// matches when the car moved off.
/// </summary>
public sealed class LightsCommandTests
{
    private const double SumoToLog = -100; // the ego departs at SUMO 120 s, which is log 20 s

    /// <summary>(from, to) in log seconds of the ego's stops in SUMO's trace.</summary>
    private static List<(double From, double To)> Stops(double minSeconds)
    {
        var fcd = XDocument.Load(RepoPaths.Get("models", "scenarios", "adlershof-drive", "sumo", "fcd.xml"));
        var stops = new List<(double, double)>();
        double? from = null;
        foreach (var step in fcd.Root!.Elements("timestep"))
        {
            var ego = step.Elements("vehicle").FirstOrDefault(v => (string?)v.Attribute("id") == "ego");
            if (ego is null) continue;
            double t = double.Parse((string)step.Attribute("time")!, CultureInfo.InvariantCulture) + SumoToLog;
            if (double.Parse((string)ego.Attribute("speed")!, CultureInfo.InvariantCulture) < 0.1) from ??= t;
            else if (from is { } f)
            {
                if (t - f >= minSeconds) stops.Add((f, t));
                from = null;
            }
        }
        return stops;
    }

    [Fact]
    public void Lights_AtEveryStopOfTheDrive_RedAheadAndGreenWhenTheCarMovedOff()
    {
        var stops = Stops(5).Where(s => s.To - s.From < 120).ToList(); // not the 300 s charging stop
        Assert.True(stops.Count >= 4, $"{stops.Count} stops");
        foreach (var (from, to) in stops)
        {
            double at = from + 1;
            var (code, stdout, stderr) = CliRunner.Run("lights", "--at", at.ToString(CultureInfo.InvariantCulture), "--json");
            Assert.True(code == 0, stderr);
            var light = JsonDocument.Parse(stdout).RootElement.GetProperty("light");
            Assert.True(light.ValueKind == JsonValueKind.Object, $"no light ahead at {at} s");
            Assert.Equal("stop-And-Remain", light.GetProperty("state").GetString());
            Assert.InRange(light.GetProperty("distance_m").GetDouble(), 0, 30);
            // The car moves when the light turns green, or a little later behind a queue.
            double green = at + light.GetProperty("time_to_green_s").GetDouble();
            Assert.InRange(to - green, -1.0, 2.5);
        }
    }

    [Fact]
    public void Lights_StoppedAtARed_TextSaysTheCountdown()
    {
        var (code, stdout, _) = CliRunner.Run("lights", "--at", "440");
        Assert.Equal(0, code);
        Assert.Contains("state:      stop-And-Remain, green in 11 s", stdout);
        Assert.Contains("say:        Green in 11 s", stdout);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("99999")]
    public void Lights_AtOutsideTheDrive_OneLineAndExit2(string at)
    {
        var (code, stdout, stderr) = CliRunner.Run("lights", "--at", at);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("--at", stderr);
    }

    [Fact]
    public void Lights_ScenarioWithoutSpat_OneLineNamingTheScenario()
    {
        var (code, _, stderr) = CliRunner.Run("lights", "--at", "10", RepoPaths.Get("models", "scenarios", "city-drive"));
        Assert.Equal(2, code);
        Assert.Contains("scenario.json: expected services.spat and services.intersections", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }
}
