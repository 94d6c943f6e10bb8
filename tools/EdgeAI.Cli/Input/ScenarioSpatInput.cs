using EdgeAI.Cli.Commands;
using EdgeAI.Fusion.Scenarios;
using EdgeAI.Services.TrafficLights;

namespace EdgeAI.Cli.Input;

/// <summary>
/// A scenario's SPaT/MAP feed, by one rule for every command (<c>edgeai lights</c>, <c>demo</c>, <c>run</c>, <c>hil</c>):
/// the files its <c>services.spat</c> and <c>services.intersections</c> name, both or neither (docs/scenarios.md). A
/// scenario folder's own <c>spat.jsonl</c> and <c>map.json</c> are not read unless the scenario names them, as with
/// every other input.
/// </summary>
internal static class ScenarioSpatInput
{
    /// <summary>The feed <paramref name="scenario"/> names, or null when it names none.</summary>
    /// <exception cref="UsageException">the scenario names one of the two files without the other.</exception>
    /// <exception cref="SpatFormatException">a file is malformed.</exception>
    public static SpatFeed? Read(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        string? spat = scenario.Services?.Spat, map = scenario.Services?.Intersections;
        if (spat is null && map is null) return null;
        string file = Path.Combine(scenario.Folder, Scenario.FileName);
        if (map is null) throw new UsageException($"{file}: services.spat needs services.intersections (the MAP)");
        if (spat is null) throw new UsageException($"{file}: services.intersections needs services.spat (the SPaT messages)");
        return new SpatFeed(SignalMapFile.Read(map), SpatFile.Read(spat));
    }

    /// <summary>The feed <paramref name="scenario"/> names; a scenario without one is a usage error.</summary>
    /// <exception cref="UsageException">the scenario names no feed, or only half of one.</exception>
    /// <exception cref="SpatFormatException">a file is malformed.</exception>
    public static SpatFeed Require(Scenario scenario) => Read(scenario) ?? throw new UsageException(
        $"{Path.Combine(scenario.Folder, Scenario.FileName)}: expected services.spat and services.intersections (the scenario has no SPaT/MAP feed)");
}
