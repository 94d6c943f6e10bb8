using System.Text;
using System.Text.Json.Nodes;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Demo;

/// <summary>
/// Process replay in openpilot's sense (issue 15, section 4): the bundled Adlershof drive through the whole pipeline,
/// its event stream (without the context snapshots, the totals and any model's free text) compared with a committed
/// golden file, at full speed and at two paced replay speeds. The events must be identical at every speed: the
/// pipeline runs on the recording's clock, never the wall clock.
/// Regenerate after an intended change: <c>EDGEAI_UPDATE_GOLDEN=1 dotnet test tests/EdgeAI.Cli.Tests --filter
/// FullyQualifiedName~DemoGoldenTests</c>, then review the diff of the golden file.
/// </summary>
public sealed class DemoGoldenTests
{
    private static string GoldenPath => RepoPaths.Get("tests", "EdgeAI.Cli.Tests", "Demo", "Golden", "demo-adlershof-drive.jsonl");

    [Theory]
    [InlineData("max")]
    [InlineData("100")]
    [InlineData("50")]
    public void Demo_BundledScenario_SameEventsAsTheGoldenFileAtAnySpeed(string speed)
    {
        Assert.SkipWhen(AdlershofDemoRun.MissingReason() is not null, AdlershofDemoRun.MissingReason() ?? "");
        var (code, stdout, stderr) = CliRunner.Run("demo", "--speed", speed, "--json", "--every", "100000");
        Assert.True(code == 0, stderr);
        string events = Normalize(stdout);
        if (speed == "max" && Environment.GetEnvironmentVariable("EDGEAI_UPDATE_GOLDEN") == "1") File.WriteAllText(GoldenPath, events);
        string golden = File.ReadAllText(GoldenPath);
        Assert.True(golden == events, $"demo --speed {speed}: the events differ from {GoldenPath}:\n{Diff(golden, events)}");
    }

    /// <summary>The timeline lines only (no context snapshots, no totals), with a model's free text removed.</summary>
    internal static string Normalize(string jsonLines)
    {
        var output = new StringBuilder();
        foreach (var line in jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var e = JsonNode.Parse(line)!.AsObject();
            if (e["type"]!.GetValue<string>() is "context" or "summary") continue;
            if (e["by"]?.GetValue<string>() == "model") e.Remove("text");
            output.Append(e.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })).Append('\n');
        }
        return output.ToString();
    }

    /// <summary>The first lines that differ, with their line numbers.</summary>
    private static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var diff = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < Math.Max(a.Length, b.Length) && shown < 6; i++)
        {
            string left = i < a.Length ? a[i] : "(end)", right = i < b.Length ? b[i] : "(end)";
            if (left == right) continue;
            diff.AppendLine($"line {i + 1}:\n  golden: {left}\n  now:    {right}");
            shown++;
        }
        diff.AppendLine($"({a.Length} golden lines, {b.Length} now)");
        return diff.ToString();
    }
}
