using EdgeAI.Cli.Commands;
using EdgeAI.Cli.Input;
using EdgeAI.Fusion.Scenarios;
using EdgeAI.Services.TrafficLights;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Lights;

/// <summary>The one rule for a scenario's SPaT/MAP feed, shared by <c>edgeai lights</c> and the demo: the files
/// <c>services.spat</c> and <c>services.intersections</c> name, both or neither; never the folder's files by name.</summary>
public sealed class ScenarioSpatInputTests
{
    private static string Bundled => RepoPaths.Get("models", "scenarios", "adlershof-drive");

    // a scenario in its own folder, holding a copy of the bundled feed, with a services section of the given JSON
    private static Scenario Write(TempDirectory dir, string services)
    {
        File.Copy(Path.Combine(Bundled, SpatFeed.MapFileName), dir.File(SpatFeed.MapFileName));
        File.Copy(Path.Combine(Bundled, SpatFeed.CompressedSpatFileName), dir.File(SpatFeed.CompressedSpatFileName));
        string Json(string path) => System.Text.Json.JsonSerializer.Serialize(path);
        File.WriteAllText(dir.File(Scenario.FileName), $$"""
            {"version": 1, "name": "t",
             "vehicle": {"signals": {{Json(RepoPaths.Get("models", "vehicle", "edgeai_demo.signals.json"))}}},
             "inputs": {"can": {{Json(Path.Combine(Bundled, "can.log.gz"))}}}{{services}}}
            """);
        return Scenario.Load(dir.File(Scenario.FileName));
    }

    [Fact]
    public void Read_BundledScenario_ReadsTheNamedFiles()
    {
        var feed = ScenarioSpatInput.Read(Scenario.Load(Path.Combine(Bundled, Scenario.FileName)));
        Assert.NotNull(feed);
        Assert.Equal(14, feed.Map.Intersections.Count);
        Assert.NotEmpty(feed.Messages);
    }

    [Fact]
    public void Read_ScenarioNamingNoFeed_IsNullEvenWithTheFilesInItsFolder()
    {
        using var dir = new TempDirectory();
        var scenario = Write(dir, "");
        Assert.Null(ScenarioSpatInput.Read(scenario));
        var e = Assert.Throws<UsageException>(() => ScenarioSpatInput.Require(scenario));
        Assert.Equal($"{dir.File(Scenario.FileName)}: expected services.spat and services.intersections (the scenario has no SPaT/MAP feed)", e.Message);
    }

    [Theory]
    [InlineData("spat", "spat.jsonl.gz", "services.spat needs services.intersections (the MAP)")]
    [InlineData("intersections", "map.json", "services.intersections needs services.spat (the SPaT messages)")]
    public void Read_ScenarioNamingOnlyOneFile_IsAUsageErrorNamingTheOther(string key, string file, string message)
    {
        using var dir = new TempDirectory();
        var scenario = Write(dir, $$""", "services": {"{{key}}": "{{file}}"}""");
        var e = Assert.Throws<UsageException>(() => ScenarioSpatInput.Read(scenario));
        Assert.Equal($"{dir.File(Scenario.FileName)}: {message}", e.Message);
    }

    [Fact]
    public void Read_ScenarioNamingBoth_ReadsThem()
    {
        using var dir = new TempDirectory();
        var scenario = Write(dir, """, "services": {"spat": "spat.jsonl.gz", "intersections": "map.json"}""");
        Assert.Equal(14, ScenarioSpatInput.Read(scenario)!.Map.Intersections.Count);
    }
}
