using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Configuration;
using EdgeAI.Llm.Tests.Vehicle;
using EdgeAI.Llm.Tools;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace EdgeAI.Llm.Tests.Chat;

/// <summary>
/// Routing of recorded Qwen3 answers through the real session: GenAI generates the recorded tokens (a
/// <see cref="ScriptedLlm"/> in place of Qwen's weights), and the session's own loop and <see cref="AnswerRouter"/> decide
/// what is streamed, what goes to the tool layer and what thinking is cut from the conversation.
/// </summary>
public sealed class AnswerRouterTests(TestLlm llm)
{
    private const int ImEnd = 151645, ThinkOpen = 151667, ThinkClose = 151668;
    private static readonly ToolRegistry Registry = new(VehicleTools.Create(DriveFixture.Context));

    [Fact]
    public async Task ThinkBlock_IsNeitherStreamedNorKept_WithTheBlankLineAfterIt()
    {
        var (turn, kept, history) = await Answer("<think>\nThe user asks about range. I should call get_range.\n</think>\n\nYou can drive 334 km.<|im_end|>");

        Assert.Equal("You can drive 334 km.", turn.Text);
        Assert.Equal("You can drive 334 km.", history.Content);
        Assert.Equal(llm.Encode("You can drive 334 km.<|im_end|>\n"), kept);
    }

    [Fact]
    public async Task EmptyThinkBlockOfTheNonThinkingForm_IsCutToo()
    {
        var (turn, kept, _) = await Answer("<think>\n\n</think>\n\nIt is 19.5 °C inside.<|im_end|>");

        Assert.Equal("It is 19.5 °C inside.", turn.Text);
        Assert.Equal(llm.Encode("It is 19.5 °C inside.<|im_end|>\n"), kept);
    }

    [Fact]
    public async Task AnswerCutInsideThinking_KeepsNothing()
    {
        string thinking = "<think>\nLet me think about the route to the charger and";
        var (turn, kept, _) = await Answer(thinking + " the traffic on the way there", maxNewTokens: llm.Encode(thinking).Length);

        Assert.True(turn.Metrics.HitTokenLimit);
        Assert.Equal("", turn.Text);
        Assert.DoesNotContain(ThinkOpen, kept);
        Assert.Equal([ImEnd, llm.Encode("\n")[0]], kept);
    }

    [Fact]
    public async Task ToolCall_GoesToTheToolLayer_TextAroundItIsStreamed()
    {
        var (turn, _, _) = await Answer("Let me check.\n<tool_call>\n{\"name\": \"get_range\", \"arguments\": {\"unit\": \"km\"}}\n</tool_call><|im_end|>", tools: Registry);

        int call = turn.Events.ToList().FindIndex(e => e.Kind == ChatEventKind.ToolCall);
        Assert.True(call > 0, "a tool call event after the streamed text");
        Assert.Equal("Let me check.\n", string.Concat(turn.Events.Take(call).Where(e => e.Kind == ChatEventKind.Token).Select(e => e.Text)));
        Assert.Equal("get_range", turn.Events[call].Name);
        Assert.Equal("{\"unit\": \"km\"}", turn.Events[call].Arguments);
        Assert.False(Assert.Single(turn.Events, e => e.Kind == ChatEventKind.ToolResult).IsError);
        Assert.DoesNotContain(turn.Events, e => e.Kind == ChatEventKind.Token && e.Text.Contains("tool_call", StringComparison.Ordinal));
        Assert.Equal(1, turn.Metrics.ToolCalls);
    }

    [Fact]
    public async Task EndOfAnswer_StopsRouting()
    {
        var (turn, kept, _) = await Answer("Done.<|im_end|>more text the model would never get to say");

        Assert.Equal("Done.", turn.Text);
        Assert.Equal(llm.Encode("Done.<|im_end|>\n"), kept);
        Assert.False(turn.Metrics.HitTokenLimit);
    }

    /// <summary>Runs one turn of a real session whose model generates <paramref name="answer"/>; returns the turn, the
    /// conversation tokens from the answer on, and the answer's history entry.</summary>
    private async Task<(Turn Turn, int[] Kept, ChatEntry History)> Answer(string answer, int maxNewTokens = 64, ToolRegistry? tools = null)
    {
        const string question = "How far can I drive?";
        var options = new LlmOptions { MaxNewTokens = maxNewTokens };
        int answerStart;
        using (var probe = new LlmChatSession(llm.Model, options, tools))
        {
            // The session encodes the user turn and the assistant prompt apart, after its system prompt.
            answerStart = probe.Tokens.Length + llm.Encode(QwenChatTemplate.User(question)).Length + llm.Encode(QwenChatTemplate.AssistantPrompt(false)).Length;
        }

        int[] tokens = llm.Encode(answer);
        Assert.Contains(ThinkClose, llm.Encode("</think>")); // the recorded answers use Qwen3's own control tokens
        using var scripted = new ScriptedLlm(llm.Directory, answerStart, tokens);
        using var session = new LlmChatSession(scripted.Model, options, tools);
        Turn turn = await Turn.Run(session, question);
        ChatEntry history = session.History.First(e => e.Role == ChatRole.Assistant);
        return (turn, session.Tokens[answerStart..].ToArray(), history);
    }

}
