using System.Text.Json.Nodes;
using EdgeAI.Cli.Tests.Demo;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Bench;

/// <summary>
/// <c>edgeai bench assistant --repeat 1 --json</c> as a user runs it (a process: the bench starts the demo as one more):
/// every figure is there, in its unit, positive, and consistent with the others. Timings are not asserted; the bytes a
/// frame without a tick allocates are (the goal is 0, and they do not depend on the machine).
/// </summary>
public sealed class AssistantBenchTests
{
    private static readonly (string Name, string Unit)[] Figures =
    [
        ("assistant: frame+tick p50", "ms"), ("assistant: frame+tick p99", "ms"), ("assistant: worst tick", "ms"),
        ("assistant: frame, no tick", "us"), ("assistant: drive, no vision", "frames/s"), ("assistant: drive, vision", "frames/s"),
        ("assistant: template per suggestion", "us"), ("assistant: grounding check per suggestion", "us"),
        ("process: demo --speed max --json", "ms"), ("process: demo --speed max --json --templates", "ms"),
    ];

    [Fact]
    public void BenchAssistant_Json_EveryFigureInItsUnitWithGoalsAndNotes()
    {
        if (AdlershofDemoRun.MissingReason() is { } missing) Assert.Skip(missing);
        var byName = BenchRun.Results(Figures, "assistant", "--repeat", "1");
        foreach (var (name, unit) in Figures) Assert.Equal(unit != "frames/s", byName[name]["lower_is_better"]!.GetValue<bool>());
        double Value(string name) => byName[name]["value"]!.GetValue<double>();
        string Note(string name) => byName[name]["note"]!.GetValue<string>();
        Assert.True(Value("assistant: frame+tick p50") <= Value("assistant: frame+tick p99"));
        Assert.True(Value("assistant: frame+tick p99") <= Value("assistant: worst tick"));
        Assert.Matches(@"^goal < 5 ms: (met|NOT met); ", Note("assistant: frame+tick p99"));
        Assert.Matches(@"^at \d+\.\d s of drive, ", Note("assistant: worst tick"));
        // Fusion, GPS and the drive's state allocate nothing on a frame that neither ticks nor brings an event.
        Assert.Equal(0, byName["assistant: frame, no tick"]["bytes_per_item"]!.GetValue<double>());
        Assert.Contains("goal 0 B/frame: met", Note("assistant: frame, no tick"));
        Assert.Contains("283504 CAN frames", Note("assistant: drive, no vision"));
        Assert.Contains("3055 camera frames", Note("assistant: drive, vision"));
        Assert.Matches(@"^the \d+ suggestions of the drive rendered again", Note("assistant: template per suggestion"));
        Assert.True(byName["assistant: template per suggestion"]["bytes_per_item"]!.GetValue<double>() > 0); // a rendered text
        // The template's own words pass their grounding check.
        Assert.EndsWith("all passed", Note("assistant: grounding check per suggestion"));
    }
}
