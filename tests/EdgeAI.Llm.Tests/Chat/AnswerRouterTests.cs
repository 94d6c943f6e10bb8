using EdgeAI.Llm.Chat;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace EdgeAI.Llm.Tests.Chat;

/// <summary>
/// Routing of recorded Qwen3 answers, tokenized with the real Qwen3 tokenizer: what is streamed, what goes to the tool
/// layer, what thinking is cut from the history. (The random test model never thinks or calls a tool unguided, so
/// these answers are written as Qwen3 writes them.)
/// </summary>
public sealed class AnswerRouterTests(TestLlm llm)
{
    [Fact]
    public void ThinkBlock_IsNeitherStreamedNorKept_WithTheBlankLineAfterIt()
    {
        (string visible, string tool, int[] kept) = Route("<think>\nThe user asks about range. I should call get_range.\n</think>\n\nYou can drive 334 km.<|im_end|>");

        Assert.Equal("You can drive 334 km.", visible);
        Assert.Equal("", tool);
        Assert.Equal("You can drive 334 km.<|im_end|>", Decode(kept, skipSpecial: false));
    }

    [Fact]
    public void EmptyThinkBlockOfTheNonThinkingForm_IsCutToo()
    {
        (string visible, _, int[] kept) = Route("<think>\n\n</think>\n\nIt is 19.5 °C inside.<|im_end|>");

        Assert.Equal("It is 19.5 °C inside.", visible);
        Assert.Equal("It is 19.5 °C inside.<|im_end|>", Decode(kept, skipSpecial: false));
    }

    [Fact]
    public void AnswerCutInsideThinking_KeepsNothing()
    {
        (string visible, _, int[] kept) = Route("<think>\nLet me think about the route to the charger and");

        Assert.Equal("", visible);
        Assert.Empty(kept);
    }

    [Fact]
    public void ToolCall_GoesToTheToolLayer_TextAroundItIsStreamed()
    {
        (string visible, string tool, int[] kept) = Route("Let me check.\n<tool_call>\n{\"name\": \"get_range\", \"arguments\": {\"unit\": \"km\"}}\n</tool_call><|im_end|>");

        Assert.Equal("Let me check.\n", visible);
        Assert.Equal("<tool_call>\n{\"name\": \"get_range\", \"arguments\": {\"unit\": \"km\"}}\n</tool_call>", tool);
        Assert.Equal(Encode("Let me check.\n<tool_call>\n{\"name\": \"get_range\", \"arguments\": {\"unit\": \"km\"}}\n</tool_call><|im_end|>"), kept);
    }

    [Fact]
    public void EndOfAnswer_StopsRouting()
    {
        int[] tokens = Encode("Done.<|im_end|>more");
        var router = new AnswerRouter(new SpecialTokens(llm.Model.Tokenizer, llm.Model.Info.EosTokenIds));
        TokenRoute[] routes = tokens.Select((t, i) => router.Route(t, i)).ToArray();

        Assert.Equal(TokenRoute.End, routes[Array.IndexOf(tokens, 151645)]);
        Assert.Equal(TokenRoute.End, router.Route(151643, 99));
    }

    /// <summary>Routes an answer as the session does: visible and tool text decoded, thinking cut from the kept tokens.</summary>
    private (string Visible, string Tool, int[] Kept) Route(string answer)
    {
        int[] tokens = Encode(answer);
        var router = new AnswerRouter(new SpecialTokens(llm.Model.Tokenizer, llm.Model.Info.EosTokenIds));
        var visible = new List<int>();
        var tool = new List<int>();
        for (int i = 0; i < tokens.Length; i++)
        {
            switch (router.Route(tokens[i], i))
            {
                case TokenRoute.Visible: visible.Add(tokens[i]); break;
                case TokenRoute.ToolCall: tool.Add(tokens[i]); break;
            }
        }

        List<int> kept = [.. tokens];
        if (router.ThinkSpan(tokens.Length) is { } span)
        {
            kept.RemoveRange(span.Start, span.End - span.Start);
        }

        return (Decode([.. visible], skipSpecial: true), Decode([.. tool], skipSpecial: false), [.. kept]);
    }

    /// <summary>Decodes runs of ordinary tokens together (so multi-byte characters stay whole) and names the control tokens.</summary>
    private string Decode(int[] tokens, bool skipSpecial)
    {
        var names = new Dictionary<int, string> { [151645] = "<|im_end|>", [151657] = "<tool_call>", [151658] = "</tool_call>", [151667] = "<think>", [151668] = "</think>" };
        var text = new System.Text.StringBuilder();
        var run = new List<int>();
        foreach (int token in tokens.Append(-1))
        {
            if (token >= 0 && !names.ContainsKey(token))
            {
                run.Add(token);
                continue;
            }

            if (run.Count > 0) text.Append(llm.Model.Tokenizer.Decode(run.ToArray()));
            run.Clear();
            if (token >= 0 && !skipSpecial) text.Append(names[token]);
        }

        return text.ToString();
    }

    private int[] Encode(string text)
    {
        using Sequences sequences = llm.Model.Tokenizer.Encode(text);
        return sequences[0].ToArray();
    }
}
