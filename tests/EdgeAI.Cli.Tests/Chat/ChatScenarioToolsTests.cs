using System.Text.Json;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Chat;

/// <summary><c>edgeai chat --scenario</c>: a scenario with a services section gives the model the service tools.</summary>
public sealed class ChatScenarioToolsTests
{
    private static readonly string Adlershof = RepoPaths.Get("models", "scenarios", "adlershof-drive");

    [Fact]
    public void Chat_AdlershofScenario_OffersPlanRouteAndFindPlaces()
    {
        var (code, stdout, stderr) = CliRunner.Run("chat", "--scenario", Adlershof, "--at", "5", "--prompt", "Where can I charge?", "--require-tool", "find_places", "--json", "--max-new-tokens", "64");
        if (stderr.Contains("sumo-adlershof", StringComparison.Ordinal) && code == 2) Assert.Skip(stderr.Trim());
        Assert.True(code == 0, stderr);
        var calls = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("type").GetString() == "tool_call").Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains("find_places", calls);
    }

    [Fact]
    public void Chat_WithoutAScenario_TheServiceToolsAreUnknown()
    {
        var (code, stdout, stderr) = CliRunner.Run("chat", "--prompt", "x", "--require-tool", "plan_route", "--json");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("unknown tool \"plan_route\"", stderr);
    }
}
