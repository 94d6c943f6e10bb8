namespace EdgeAI.Llm.Chat;

/// <summary>
/// Sorts an answer's tokens as they are generated: text to stream, tool-call markup to parse, thinking to drop, and
/// the end. Qwen3 writes &lt;think&gt;, &lt;/think&gt;, &lt;tool_call&gt; and &lt;/tool_call&gt; as single tokens, so this
/// works on ids, before any text is decoded. Remembers where the (first) think block lies so it can be cut.
/// </summary>
internal sealed class AnswerRouter(SpecialTokens special)
{
    private bool _thinking;
    private bool _calling;
    private bool _justThought;

    /// <summary>Index (as passed to <see cref="Route"/>) of the first think token, or -1.</summary>
    public int ThinkStart { get; private set; } = -1;

    /// <summary>Index just past the last think token seen, or -1.</summary>
    public int ThinkEnd { get; private set; } = -1;

    /// <summary>Whether any tool-call token was seen.</summary>
    public bool SawToolCall { get; private set; }

    /// <summary>Routes the token at <paramref name="index"/> of the token sequence.</summary>
    public TokenRoute Route(int token, int index)
    {
        if (special.IsEnd(token))
        {
            return TokenRoute.End;
        }

        if (token == special.ThinkStart)
        {
            _thinking = true;
            ThinkStart = ThinkStart < 0 ? index : ThinkStart;
            return TokenRoute.Thinking;
        }

        if (token == special.ThinkEnd)
        {
            _thinking = false;
            _justThought = true;
            ThinkStart = ThinkStart < 0 ? index : ThinkStart;
            ThinkEnd = index + 1;
            return TokenRoute.Thinking;
        }

        if (_thinking)
        {
            return TokenRoute.Thinking;
        }

        // The blank line Qwen writes after </think> belongs to the think block (the template drops it too).
        if (_justThought && special.IsBlank(token))
        {
            ThinkEnd = index + 1;
            return TokenRoute.Thinking;
        }

        _justThought = false;

        if (token == special.ToolCallStart)
        {
            _calling = true;
            SawToolCall = true;
            return TokenRoute.ToolCall;
        }

        if (token == special.ToolCallEnd)
        {
            _calling = false;
            return TokenRoute.ToolCall;
        }

        return _calling ? TokenRoute.ToolCall : TokenRoute.Visible;
    }

    /// <summary>
    /// The span to cut so no thinking stays in the history: from the first think token to the end of the last one,
    /// or to <paramref name="count"/> when the answer stopped inside a think block. Null when there was none.
    /// </summary>
    public (int Start, int End)? ThinkSpan(int count) =>
        ThinkStart < 0 ? null : (ThinkStart, _thinking || ThinkEnd < 0 ? count : ThinkEnd);
}
