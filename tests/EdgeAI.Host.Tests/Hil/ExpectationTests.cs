using System.Text.Json;
using EdgeAI.Host.Hil;

namespace EdgeAI.Host.Tests.Hil;

/// <summary>The expectations judged on hand-written v1 event lines, as a device under test would send them.</summary>
public sealed class ExpectationTests
{
    private static readonly HilEvent[] Events =
    [
        Event("""{"v":1,"t":"2026-06-12T09:52:31.000Z","type":"drive","kind":"stopped","at_s":49.6,"text":"stopped"}""", 10),
        Event("""{"v":1,"t":"2026-06-12T09:52:32.000Z","type":"suggestion","kind":"traffic_light","id":"s2","at_s":50,"priority":"information","text":"Green in 6 s.","data":{"key":"x"}}""", 11),
        Event("""{"v":1,"t":"2026-06-12T09:52:33.000Z","type":"question","id":"q1","at_s":60,"text":"How long?"}""", 20),
        Event("""{"v":1,"t":"2026-06-12T09:52:34.000Z","type":"answer","ref":"q1","at_s":60,"text":"6 s","by":"templates"}""", 95),
        Event("""{"v":1,"t":"2026-06-12T09:52:35.000Z","type":"context","at_s":70,"keys":{"Vehicle.Speed":{"value":12.5,"unit":"km/h","age_ms":5000,"quality":"stale","source":"can"}}}""", 100),
    ];

    private static readonly HilObservation Observed = new(Events, Frames: null, HasWallTimes: true);

    private static HilEvent Event(string json, double wallMs) =>
        HilEvent.TryParse(json, wallMs, out var e, out var problem) ? e! : throw new InvalidOperationException(problem);

    private static EventMatch Match(string type, string? kind = null, string? fields = null) =>
        new(type, kind, fields is null ? [] : [.. JsonDocument.Parse(fields).RootElement.Clone().EnumerateObject().Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value))]);

    [Fact]
    public void Event_WithinWindowOfAnotherEvent_PassesWithTheEventAsEvidence()
    {
        var r = new EventExpectation { Name = "x", Match = Match("suggestion", "traffic_light", """{"data.key":"x","text":{"contains":"Green"}}"""), After = Match("drive", "stopped"), WithinS = 1 }.Evaluate(Observed);
        Assert.Equal(ExpectationOutcome.Passed, r.Outcome);
        Assert.Contains("suggestion/traffic_light s2 at 50 s, 0.4 s after drive/stopped at 49.6 s", r.Evidence);
    }

    [Fact]
    public void Event_OutsideTheWindow_FailsNamingWhereItCame()
    {
        var r = new EventExpectation { Name = "x", Match = Match("suggestion", "traffic_light"), AfterS = 0, WithinS = 10 }.Evaluate(Observed);
        Assert.Equal(ExpectationOutcome.Failed, r.Outcome);
        Assert.Contains("suggestion/traffic_light seen at 50 s", r.Evidence);
        Assert.Contains("\"id\":\"s2\"", Assert.Single(r.Observed));
    }

    [Fact]
    public void Event_FieldMismatch_Fails() =>
        Assert.Equal(ExpectationOutcome.Failed, new EventExpectation { Name = "x", Match = Match("suggestion", null, """{"priority":"safety"}""") }.Evaluate(Observed).Outcome);

    [Fact]
    public void NoEvent_InWindow_FailsListingTheOffenders()
    {
        var r = new NoEventExpectation { Name = "x", Match = Match("suggestion"), FromS = 45, ToS = 55 }.Evaluate(Observed);
        Assert.Equal(ExpectationOutcome.Failed, r.Outcome);
        Assert.Contains("1 suggestion in 45-55 s", r.Evidence);
        Assert.Equal(ExpectationOutcome.Passed, new NoEventExpectation { Name = "x", Match = Match("suggestion"), FromS = 51 }.Evaluate(Observed).Outcome);
    }

    [Fact]
    public void Latency_Virtual_IsDriveSecondsBetweenTheEvents()
    {
        var pass = new LatencyExpectation { Name = "x", Clock = LatencyClock.Virtual, From = Match("drive", "stopped"), To = Match("suggestion"), Max = 0.5 }.Evaluate(Observed);
        Assert.Equal(ExpectationOutcome.Passed, pass.Outcome);
        Assert.Contains("0.4 s virtual", pass.Evidence);
        Assert.Equal(ExpectationOutcome.Failed, new LatencyExpectation { Name = "x", Clock = LatencyClock.Virtual, FromS = 40, To = Match("suggestion"), Max = 5 }.Evaluate(Observed).Outcome);
    }

    [Fact]
    public void Latency_Wall_PairsByRefAndMeasuresArrival()
    {
        var expectation = new LatencyExpectation { Name = "x", Clock = LatencyClock.Wall, From = Match("question"), To = Match("answer"), Max = 50 };
        var r = expectation.Evaluate(Observed);
        Assert.Equal(ExpectationOutcome.Failed, r.Outcome);
        Assert.Contains("worst 75 ms wall", r.Evidence);
        Assert.Equal(ExpectationOutcome.Skipped, expectation.Evaluate(Observed with { HasWallTimes = false }).Outcome);
    }

    [Fact]
    public void State_AtATime_ReadsTheLastContextBeforeIt()
    {
        var stale = new StateExpectation { Name = "x", Key = "Vehicle.Speed", Quality = JsonDocument.Parse("\"stale\"").RootElement, AtS = 75 }.Evaluate(Observed);
        Assert.Equal(ExpectationOutcome.Passed, stale.Outcome);
        var value = new StateExpectation { Name = "x", Key = "Vehicle.Speed", Value = JsonDocument.Parse("""{"min": 13}""").RootElement }.Evaluate(Observed);
        Assert.Equal(ExpectationOutcome.Failed, value.Outcome);
        Assert.Contains("\"value\":12.5", value.Evidence);
        Assert.Equal(ExpectationOutcome.Failed, new StateExpectation { Name = "x", Key = "Vehicle.Speed", Quality = JsonDocument.Parse("\"stale\"").RootElement, AtS = 65 }.Evaluate(Observed).Outcome);
    }

    [Fact]
    public void NoFrameLost_WithoutCounts_IsSkippedWithAReason() =>
        Assert.Contains("device under test", new NoFrameLostExpectation { Name = "x" }.Evaluate(Observed).Evidence);

    [Fact]
    public void NoFrameLost_CountsThatDoNotAddUp_Fail()
    {
        var lost = Observed with { Frames = new HilFrameCounts { CanRead = 100, CanApplied = 90, CanRemoved = 9 } };
        var r = new NoFrameLostExpectation { Name = "x" }.Evaluate(lost);
        Assert.Equal(ExpectationOutcome.Failed, r.Outcome);
        Assert.Contains("(1 lost)", r.Evidence);
    }
}
