using EdgeAI.Host.Configuration;
using EdgeAI.Inference.Configuration;
using EdgeAI.Llm.Configuration;
using EdgeAI.TestKit;

namespace EdgeAI.Host.Tests.Configuration;

/// <summary>The Llm section: edgeai.json, then command-line style overrides; wrong values name the setting.</summary>
public sealed class LlmConfigurationTests
{
    [Fact]
    public void From_FileThenOverrides_BindsSamplingAndBudget()
    {
        using var dir = new TempDirectory();
        string file = Path.Combine(dir.Path, "edgeai.json");
        File.WriteAllText(file, """{"Llm": {"DoSample": true, "Temperature": 0.9, "TopK": 40, "Seed": 7, "KvBudgetMiB": 128, "Thinking": true}}""");

        LlmOptions options = EdgeAIConfiguration.Llm(EdgeAIConfiguration.Build(file, ["--Llm:TopP=0.5", "--Llm:MaxNewTokens=64"]));

        Assert.True(options.DoSample);
        Assert.Equal(0.9, options.Temperature);
        Assert.Equal(40, options.TopK);
        Assert.Equal(0.5, options.TopP);
        Assert.Equal(7, options.Seed);
        Assert.Equal(128, options.KvBudgetMiB);
        Assert.Equal(64, options.MaxNewTokens);
        Assert.True(options.Thinking);
        Assert.Equal(1.0, options.RepetitionPenalty);
    }

    [Theory]
    [InlineData("--Llm:MaxNewTokens=0", "Llm:MaxNewTokens")]
    [InlineData("--Llm:KvBudgetMiB=-1", "Llm:KvBudgetMiB")]
    [InlineData("--Llm:TopP=1.5", "Llm:TopP")]
    [InlineData("--Llm:Temperature=0", "Llm:Temperature")]
    [InlineData("--Llm:MaxNewTokens=many", "Llm")]
    public void From_ValueNoRunCouldUse_IsRefusedNamingIt(string setting, string named)
    {
        var e = Assert.Throws<InvalidDataException>(() => EdgeAIConfiguration.Llm(EdgeAIConfiguration.Build(null, [setting])));
        Assert.Contains(named, e.Message);
    }
}
