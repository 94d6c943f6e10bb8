using EdgeAI.Host.Hil;
using EdgeAI.TestKit;

namespace EdgeAI.Host.Tests.Hil;

public sealed class HilScenarioTests
{
    [Fact]
    public void Load_EveryBundledScenario_HasExpectationsAndReads()
    {
        var files = HilSuite.Find([RepoPaths.Get("models", "scenarios", "hil")]);
        Assert.True(files.Count >= 10, $"{files.Count} HIL scenarios");
        var scenarios = files.Select(HilScenario.Load).ToList();
        Assert.All(scenarios, s => Assert.NotEmpty(s.Expectations));
        // One scenario per fault kind.
        var faults = scenarios.SelectMany(s => s.Faults).Select(f => f.Kind).ToHashSet();
        foreach (var kind in Enum.GetValues<HilFaultKind>()) Assert.Contains(kind, faults);
    }

    [Fact]
    public void Load_BusOffScenario_ReadsWindowAndExpectations()
    {
        var s = HilScenario.Load(RepoPaths.Get("models", "scenarios", "hil", "bus-off"));
        var fault = Assert.Single(s.Faults);
        Assert.Equal((HilFaultKind.BusOff, 45.0, 60.0), (fault.Kind, fault.FromS, fault.ToS));
        Assert.Equal(75, s.StopAfterS);
        Assert.False(s.CabinVideo);
        Assert.Contains(s.Expectations, e => e is StateExpectation { Key: "Vehicle.Speed", AtS: 55 });
        Assert.Contains(s.Expectations, e => e is NoFrameLostExpectation);
    }

    [Theory]
    [InlineData("""{"faults": [{"fault": "bus_of", "from_s": 1, "to_s": 2}], "expect": [{"no_frame_lost": true}]}""", "bus_of", "hil.faults[0].fault: expected one of bus_off, dropout")]
    [InlineData("""{"faults": [{"fault": "bus_off", "from_s": 5, "to_s": 2}], "expect": [{"no_frame_lost": true}]}""", "\"to_s\": 2", "hil.faults[0].to_s: expected seconds after from_s (5), found 2")]
    [InlineData("""{"faults": [{"fault": "dropout", "from_s": 1, "to_s": 2}], "expect": [{"no_frame_lost": true}]}""", "dropout", "dropout expected \"message\"")]
    [InlineData("""{"faults": [{"fault": "stage_stall", "from_s": 1, "to_s": 2}], "expect": [{"no_frame_lost": true}]}""", "stage_stall", "stage_stall expected \"stage\": assistant or fusion")]
    [InlineData("""{"faults": [{"fault": "stage_stall", "stage": "camera", "from_s": 1, "to_s": 2}], "expect": [{"no_frame_lost": true}]}""", "\"camera\"", "hil.faults[0].stage: expected assistant or fusion (the stages HIL's lock step can hold), found \"camera\"")]
    [InlineData("""{"expect": [{"no_frame_lost": true}, {"event": {"kind": "charging"}}]}""", "\"event\"", "hil.expect[1].event: expected {\"type\": TYPE")]
    [InlineData("""{"expect": [{"latency": {"clock": "virtual", "from_s": 0, "to": {"type": "answer"}}}]}""", "\"latency\"", "expected \"max_s\" for a virtual clock")]
    [InlineData("""{"expect": [{"latency": {"clock": "soon", "from_s": 0, "to": {"type": "answer"}, "max_s": 1}}]}""", "\"soon\"", "expected \"virtual\" or \"wall\"")]
    [InlineData("""{"expect": [{"final": {"key": "Vehicle.Speed"}}]}""", "\"final\"", "expected \"value\" or \"quality\"")]
    [InlineData("""{"expect": [{"state": {"key": "Vehicle.Speed", "quality": "stale"}}]}""", "\"state\"", "expected at_s for state")]
    [InlineData("""{"expect": []}""", "\"expect\"", "hil.expect: expected a non-empty array")]
    public void Load_BadHilSection_OneLineWithFileLineAndWhatWasExpected(string hil, string lineText, string message)
    {
        using var dir = new TempDirectory();
        string folder = HilScenarioFiles.Write(dir.Path, "bad", hil);
        string file = Path.Combine(folder, "scenario.json");
        var e = Assert.Throws<HilScenarioException>(() => HilScenario.Load(folder));
        Assert.StartsWith($"{file}:{HilScenarioFiles.LineOf(file, lineText)}: ", e.Message);
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Load_NoHilSection_SaysWhatIsMissing()
    {
        var e = Assert.Throws<HilScenarioException>(() => HilScenario.Load(RepoPaths.Get("models", "scenarios", "adlershof-drive")));
        Assert.Contains("expected a \"hil\" object", e.Message);
    }
}
