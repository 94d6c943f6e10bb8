using System.Text.Json.Nodes;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Bench;

/// <summary><c>edgeai bench AREA ... --json</c> as a process: its results in order, after the checks every bench's JSON
/// passes (exit code 0, the machine, and each figure's name and unit as the list gives them, finite and
/// positive, with a note).</summary>
internal static class BenchRun
{
    public static Dictionary<string, JsonNode> Results((string Name, string Unit)[] figures, params string[] args)
    {
        var (code, stdout, stderr) = ExternalTool.RunRaw("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgeai.dll"), "bench", .. args, "--json"],
            TimeSpan.FromMinutes(10));
        Assert.True(code == 0, stderr);
        var doc = JsonNode.Parse(stdout)!;
        Assert.True(doc["machine"]!["cores"]!.GetValue<int>() > 0);
        var results = doc["results"]!.AsArray().Select(r => r!).ToList();
        Assert.Equal(figures.Select(f => f.Name), results.Select(r => r["name"]!.GetValue<string>()));
        foreach (var (r, (name, unit)) in results.Zip(figures))
        {
            Assert.Equal(unit, r["unit"]!.GetValue<string>());
            double value = r["value"]!.GetValue<double>();
            Assert.True(double.IsFinite(value) && value > 0, $"{name}: {value}");
            Assert.False(string.IsNullOrWhiteSpace(r["note"]?.GetValue<string>()), $"{name}: no note");
        }
        return results.ToDictionary(r => r["name"]!.GetValue<string>());
    }
}
