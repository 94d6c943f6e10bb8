using System.Text.Json.Nodes;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Bench;

/// <summary><c>edgeai bench host</c> on short phases: every figure is there with its unit and note, the drive at max
/// speed has the demo measured beside it, and the figures make sense together (their size is the benchmark's business,
/// recorded in docs/benchmarks.md).</summary>
[Trait("Category", "Host")]
public sealed class HostBenchTests
{
    [Fact]
    public void BenchHost_ShortRun_EveryFigureWithItsPeerOrNote()
    {
        var (code, stdout, stderr) = ExternalTool.RunRaw("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgeai.dll"), "bench", "host", "--repeat", "1", "--seconds", "5", "--json"],
            TimeSpan.FromMinutes(10));
        Assert.True(code == 0, stderr);
        var results = JsonNode.Parse(stdout)!["results"]!.AsArray().ToDictionary(r => r!["name"]!.GetValue<string>(), r => r!);

        Assert.Equal(["bundled drive at max speed", "drive moment to event out, p50", "drive moment to event out, p99", "CPU in real time, camera on",
            "CPU in real time, camera off", "CPU in real time, camera and voice off", "resident memory, early", "resident memory, late", "memory growth per hour of drive"], results.Keys);
        foreach (var r in results.Values)
        {
            Assert.True(double.IsFinite(r["value"]!.GetValue<double>()), r.ToJsonString());
            Assert.False(string.IsNullOrWhiteSpace(r["note"]?.GetValue<string>()), r.ToJsonString());
        }
        var drive = results["bundled drive at max speed"];
        Assert.Equal("s", drive["unit"]!.GetValue<string>());
        Assert.True(drive["peer_value"]!.GetValue<double>() > 1, "the demo was not measured beside the host");
        Assert.True(drive["ratio"]!.GetValue<double>() > 0);
        double p50 = results["drive moment to event out, p50"]["value"]!.GetValue<double>(), p99 = results["drive moment to event out, p99"]["value"]!.GetValue<double>();
        Assert.InRange(p50, 0, p99);
        Assert.InRange(results["CPU in real time, camera off"]["value"]!.GetValue<double>(), 0.1, 200);
        Assert.InRange(results["resident memory, late"]["value"]!.GetValue<double>(), 20, 4096);
    }
}
