using System.Text.Json.Nodes;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Demo;

/// <summary><c>demo --scenario</c> on scenarios other than the bundled default: another car, another language.</summary>
public sealed class ScenarioDemoTests
{
    [Fact]
    public void Demo_SecondCarWithoutServices_VehicleEventsAndNoNaN()
    {
        var (code, stdout, stderr) = CliRunner.Run("demo", "--scenario", RepoPaths.Get("models", "scenarios", "tesla-model3-short"), "--speed", "max", "--plain");
        Assert.True(code == 0, stderr);
        Assert.Contains("gear D -> P", stdout);
        Assert.DoesNotContain("NaN", stdout);
        Assert.Contains("state of charge - % -> - %", stdout);
    }

    [Fact]
    public void Demo_ChineseScenario_SuggestionsInChineseWithTheSameGrounding()
    {
        Assert.SkipWhen(AdlershofDemoRun.MissingReason() is not null, AdlershofDemoRun.MissingReason() ?? "");
        using var dir = new TempDirectory();
        // The bundled scenario with "language": "zh-CN", its files named by absolute path.
        string bundled = RepoPaths.Get("models", "scenarios", "adlershof-drive");
        var scenario = JsonNode.Parse(File.ReadAllText(Path.Combine(bundled, "scenario.json")))!.AsObject();
        scenario.Remove("$schema");
        // The cabin recordings are for edgeai run's voice stage; the demo has none.
        scenario.Remove("voice");
        foreach (var section in new[] { "vehicle", "inputs" })
            foreach (var (key, value) in scenario[section]!.AsObject().ToList())
                scenario[section]![key] = Path.GetFullPath(Path.Combine(bundled, value!.GetValue<string>()));
        var services = scenario["services"]!.AsObject();
        foreach (var key in new[] { "pois", "spat", "intersections" }) services[key] = Path.GetFullPath(Path.Combine(bundled, services[key]!.GetValue<string>()));
        foreach (var (key, value) in services["feeds"]!.AsObject().ToList()) services["feeds"]![key] = Path.GetFullPath(Path.Combine(bundled, value!.GetValue<string>()));
        scenario["assistant"]!["language"] = "zh-CN";
        File.WriteAllText(dir.File("scenario.json"), scenario.ToJsonString());

        var (code, stdout, stderr) = CliRunner.Run("demo", "--scenario", dir.Path, "--speed", "max", "--json", "--to", "10", "--no-vision");
        Assert.True(code == 0, stderr);
        var charging = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)
            .First(e => e["type"]!.GetValue<string>() == "suggestion" && e["kind"]!.GetValue<string>() == "charging");
        string text = charging["text"]!.GetValue<string>();
        Assert.Contains("充电", text);
        Assert.Contains(charging["grounding"]!["charger"]!["value"]!.GetValue<string>(), text);
        Assert.InRange(text.Length, 1, 120);
    }
}
