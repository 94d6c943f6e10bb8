using Microsoft.ML.OnnxRuntimeGenAI;

namespace EdgeAI.Llm.Chat;

/// <summary>
/// Ids of the chat-control tokens, looked up in the model's own tokenizer (Qwen3: &lt;|im_end|&gt; 151645,
/// &lt;think&gt; 151667, &lt;tool_call&gt; 151657, ...). A tokenizer without one gets -1, which matches no token.
/// </summary>
internal sealed class SpecialTokens
{
    private readonly HashSet<int> _ends;
    private readonly HashSet<int> _blanks;

    public SpecialTokens(Tokenizer tokenizer, IEnumerable<int>? eosTokenIds = null)
    {
        ImEnd = Single(tokenizer, QwenChatTemplate.End);
        ThinkStart = Single(tokenizer, "<think>");
        ThinkEnd = Single(tokenizer, "</think>");
        ToolCallStart = Single(tokenizer, "<tool_call>");
        ToolCallEnd = Single(tokenizer, "</tool_call>");
        Newline = Single(tokenizer, "\n");
        _ends = [ImEnd, .. eosTokenIds ?? tokenizer.GetEosTokenIds().ToArray()];
        _blanks = [Newline, Single(tokenizer, "\n\n"), Single(tokenizer, " ")];
        _ends.Remove(-1);
        _blanks.Remove(-1);
    }

    public int ImEnd { get; }

    public int ThinkStart { get; }

    public int ThinkEnd { get; }

    public int ToolCallStart { get; }

    public int ToolCallEnd { get; }

    public int Newline { get; }

    /// <summary>The model ended its answer (&lt;|im_end|&gt; or an eos id).</summary>
    public bool IsEnd(int token) => _ends.Contains(token);

    /// <summary>A whitespace-only token.</summary>
    public bool IsBlank(int token) => _blanks.Contains(token);

    private static int Single(Tokenizer tokenizer, string text)
    {
        using Sequences sequences = tokenizer.Encode(text);
        ReadOnlySpan<int> ids = sequences[0];
        return ids.Length == 1 ? ids[0] : -1;
    }
}
