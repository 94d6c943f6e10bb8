using System.Xml.Linq;
using EdgeAI.Host.Hil;
using EdgeAI.TestKit;

namespace EdgeAI.Host.Tests.Hil;

public sealed class JUnitWriterTests
{
    [Fact]
    public void Write_OneSuitePerScenario_OneCasePerExpectation_FailureCarriesTheObservedEvents()
    {
        var scenario = HilScenario.Load(RepoPaths.Get("models", "scenarios", "hil", "traffic-light"));
        HilEvent.TryParse("""{"v":1,"t":"2026-06-12T09:53:20.000Z","type":"suggestion","kind":"traffic_light","id":"s2","at_s":50}""", 0, out var e, out _);
        var results = scenario.Expectations.Select((x, i) => i == 0
            ? ExpectationResult.Of(x.Name, false, "no suggestion/traffic_light within 2 s", [e!])
            : i == 1 ? ExpectationResult.Skip(x.Name, "not here") : ExpectationResult.Of(x.Name, true, "fine")).ToList();
        var result = new HilScenarioResult(scenario, results, ["a note"], 60, 0.25);
        using var stream = new MemoryStream();
        JUnitWriter.Write(stream, [result], new DateTimeOffset(2026, 6, 12, 9, 0, 0, TimeSpan.Zero));

        var xml = XDocument.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        var suite = Assert.Single(xml.Root!.Elements("testsuite"));
        Assert.Equal("traffic-light", (string?)suite.Attribute("name"));
        Assert.Equal(scenario.Expectations.Count.ToString(), (string?)suite.Attribute("tests"));
        Assert.Equal("1", (string?)suite.Attribute("failures"));
        Assert.Equal("1", (string?)suite.Attribute("skipped"));
        Assert.Equal("2026-06-12T09:00:00", (string?)suite.Attribute("timestamp"));
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(scenario.Expectations.Select(x => x.Name), cases.Select(c => (string?)c.Attribute("name")));
        var failure = cases[0].Element("failure")!;
        Assert.Equal("no suggestion/traffic_light within 2 s", (string?)failure.Attribute("message"));
        Assert.Contains($"{scenario.File}:{scenario.Expectations[0].Line}:", failure.Value);
        Assert.Contains("\"id\":\"s2\"", failure.Value);
        Assert.NotNull(cases[1].Element("skipped"));
    }
}
