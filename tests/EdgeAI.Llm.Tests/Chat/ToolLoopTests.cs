using System.Text.Json;
using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Configuration;
using EdgeAI.Llm.Tests.Vehicle;
using EdgeAI.Llm.Tools;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace EdgeAI.Llm.Tests.Chat;

/// <summary>The engine's tool loop on the real GenAI runtime: required calls under guidance, results fed back, history shape.</summary>
public sealed class ToolLoopTests(TestLlm llm)
{
    private static readonly ToolRegistry Registry = new(VehicleTools.Create(DriveFixture.Context));

    private static LlmOptions Greedy(int maxNewTokens = 12) => new() { MaxNewTokens = maxNewTokens };

    [Fact]
    public async Task RequiredAny_CallsAKnownToolWithValidArguments_ThenAnswers()
    {
        using var session = new LlmChatSession(llm.Model, Greedy(), Registry);
        int before = session.History.Count;
        List<ChatEvent> events = await Collect(session, "What is going on with the car?", ToolChoice.Any);

        Assert.Equal(ChatEventKind.ToolCall, events[0].Kind);
        IChatTool tool = Assert.Single(Registry.Tools, t => t.Name == events[0].Name);
        using (JsonDocument arguments = JsonDocument.Parse(events[0].Arguments!))
        {
            Assert.True(new JsonSchemaValidator(tool.ParametersSchema).Validate(arguments.RootElement, out string? error), error);
        }

        Assert.Equal(ChatEventKind.ToolResult, events[1].Kind);
        Assert.False(events[1].IsError, events[1].Text);
        Assert.Equal(tool.Name, events[1].Name);
        ToolOutcome direct = Registry.Execute(new ParsedToolCall(events[0].Name, events[0].Arguments!));
        Assert.False(direct.IsError);
        Assert.Equal(direct.ResultJson, events[1].Text);

        Assert.All(events[2..^1], e => Assert.Equal(ChatEventKind.Token, e.Kind));
        Assert.NotEmpty(events[2..^1]);
        Assert.Equal(ChatEventKind.Done, events[^1].Kind);
        TurnMetrics metrics = events[^1].Metrics;
        Assert.Equal(1, metrics.ToolCalls);
        Assert.True(metrics.ReprefilledTokens > 0, "the guided call's own generator prefilled nothing");

        ChatRole[] roles = session.History.Skip(before).Select(e => e.Role).ToArray();
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant], roles);
        Assert.Contains(ToolCallParser.OpenTag, session.History[before + 1].Content);
        Assert.Equal(direct.ResultJson, session.History[before + 2].Content);
        Assert.Equal(tool.Name, session.History[before + 2].ToolName);
        Assert.Equal(string.Concat(events[2..^1].Select(e => e.Text)), session.History[^1].Content);
        TestLlm.AssertGeneratorHoldsHistory(session);
    }

    [Fact]
    public async Task ToolTurnsUnderATightBudget_DropOldTurnsAndKeepTheCacheInStep()
    {
        // The tool declarations alone are ~480 tokens; 0.5 MiB holds 1024 tokens of the test model.
        var options = new LlmOptions { MaxNewTokens = 16, KvBudgetMiB = 0.5 };
        using var session = new LlmChatSession(llm.Model, options, Registry);
        int dropped = 0;
        for (int i = 0; i < 8; i++)
        {
            List<ChatEvent> events = await Collect(session, $"Question {i}: how is the battery doing?", ToolChoice.Named("get_range"));
            TurnMetrics metrics = events[^1].Metrics;
            dropped += metrics.DroppedTurns;
            Assert.Equal(1, metrics.ToolCalls);
            Assert.True(session.KvTokens <= session.MaxLength);
            Assert.Equal(ChatRole.System, session.History[0].Role);
            TestLlm.AssertGeneratorHoldsHistory(session);
        }

        Assert.True(dropped > 0, "the budget never made room: the test did not reach it");
    }

    [Fact]
    public async Task RequiredNamed_CallsThatTool()
    {
        using var session = new LlmChatSession(llm.Model, Greedy(4), Registry);
        List<ChatEvent> events = await Collect(session, "Where are we?", ToolChoice.Named("get_location"));

        ChatEvent call = Assert.Single(events, e => e.Kind == ChatEventKind.ToolCall);
        Assert.Equal("get_location", call.Name);
        ChatEvent result = Assert.Single(events, e => e.Kind == ChatEventKind.ToolResult);
        Assert.False(result.IsError, result.Text);
        Assert.Equal(Registry.Execute(new ParsedToolCall("get_location", call.Arguments!)).ResultJson, result.Text);
        TestLlm.AssertGeneratorHoldsHistory(session);
    }

    [Fact]
    public async Task RequiredNamed_UnknownTool_ThrowsNamingTheKnownTools()
    {
        using var session = new LlmChatSession(llm.Model, Greedy(4), Registry);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Collect(session, "hi", ToolChoice.Named("open_sunroof")));

        Assert.Contains("open_sunroof", e.Message);
        foreach (IChatTool tool in Registry.Tools)
        {
            Assert.Contains(tool.Name, e.Message);
        }

        // Nothing of the refused turn stays.
        Assert.Single(session.History);
    }

    [Fact]
    public async Task RequiredAny_WithoutTools_IsNotSupported()
    {
        using var session = new LlmChatSession(llm.Model, Greedy(4));
        await Assert.ThrowsAsync<NotSupportedException>(() => Collect(session, "hi", ToolChoice.Any));
        Assert.Single(session.History);
    }

    [Fact]
    public void SystemPrompt_DeclaresEveryToolBetweenToolsTags()
    {
        using var session = new LlmChatSession(llm.Model, Greedy(4), Registry);
        string system = QwenChatTemplate.System(LlmChatSession.DefaultSystemPrompt, Registry.Declarations);

        // The session's tokens are exactly the rendered system message (special tokens included).
        Assert.Equal(llm.Encode(system), session.Tokens.ToArray());
        Assert.Single(session.History);

        // The declarations block is the last "<tools>" (the first is the instruction's "<tools></tools>").
        int open = system.IndexOf("<tools>\n", StringComparison.Ordinal);
        int close = system.IndexOf("\n</tools>", StringComparison.Ordinal);
        Assert.True(open >= 0 && close > open, "no <tools>...</tools> block in the system prompt");
        string[] lines = system[(open + "<tools>\n".Length)..close].Split('\n');
        Assert.Equal(Registry.Declarations, lines);
        Assert.Equal(Registry.Tools.Select(t => t.Name), lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("function").GetProperty("name").GetString()));

        // Decoding the session's tokens gives the declarations back (the tokenizer drops only the special tokens).
        string decoded = llm.Model.Tokenizer.Decode(session.Tokens);
        foreach (string declaration in Registry.Declarations)
        {
            Assert.Contains("\n" + declaration + "\n", decoded);
        }
    }

    [Fact]
    public void SystemPrompt_WithoutTools_HasNoToolsBlock()
    {
        using var session = new LlmChatSession(llm.Model, Greedy(4));
        Assert.Equal(llm.Encode(QwenChatTemplate.System(LlmChatSession.DefaultSystemPrompt, [])), session.Tokens.ToArray());
        Assert.DoesNotContain("<tools>", llm.Model.Tokenizer.Decode(session.Tokens));
    }

    [Fact]
    public async Task Greedy_TwoFreshSessions_AnswerTheSame()
    {
        using var first = new LlmChatSession(llm.Model, Greedy(16), Registry);
        using var second = new LlmChatSession(llm.Model, Greedy(16), Registry);

        Turn a = await Turn.Run(first, "How warm is it inside?");
        Turn b = await Turn.Run(second, "How warm is it inside?");

        Assert.NotEmpty(a.Text);
        Assert.Equal(a.Text, b.Text);
        Assert.Equal(a.Metrics.NewTokens, b.Metrics.NewTokens);
        Assert.Equal(first.Tokens.ToArray(), second.Tokens.ToArray());
    }

    [Fact]
    public async Task Greedy_RequiredCall_IsReproducible()
    {
        using var first = new LlmChatSession(llm.Model, Greedy(6), Registry);
        using var second = new LlmChatSession(llm.Model, Greedy(6), Registry);

        List<ChatEvent> a = await Collect(first, "Range?", ToolChoice.Any);
        List<ChatEvent> b = await Collect(second, "Range?", ToolChoice.Any);

        Assert.Equal(a.Where(e => e.Kind != ChatEventKind.Done), b.Where(e => e.Kind != ChatEventKind.Done));
    }

    private static async Task<List<ChatEvent>> Collect(LlmChatSession session, string message, ToolChoice choice)
    {
        var events = new List<ChatEvent>();
        await foreach (ChatEvent e in session.SendAsync(message, choice, TestContext.Current.CancellationToken))
        {
            events.Add(e);
        }

        Assert.Single(events, e => e.Kind == ChatEventKind.Done);
        Assert.Equal(ChatEventKind.Done, events[^1].Kind);
        return events;
    }


}
