namespace EdgeAI.Llm.Chat;

/// <summary>
/// One event of a streamed answer. A struct, so streaming allocates nothing per token beyond the text piece itself.
/// </summary>
public readonly record struct ChatEvent(
    ChatEventKind Kind,
    string Text,
    string? Name = null,
    string? Arguments = null,
    bool IsError = false,
    TurnMetrics Metrics = default)
{
    /// <summary>A piece of the answer's text.</summary>
    public static ChatEvent Token(string text) => new(ChatEventKind.Token, text);

    /// <summary>The model calls a tool with JSON arguments.</summary>
    public static ChatEvent ToolCall(string name, string argumentsJson) => new(ChatEventKind.ToolCall, "", name, argumentsJson);

    /// <summary>A tool's JSON result (or its error).</summary>
    public static ChatEvent ToolResult(string name, string resultJson, bool isError) =>
        new(ChatEventKind.ToolResult, resultJson, name, IsError: isError);

    /// <summary>The turn is done, with its metrics.</summary>
    public static ChatEvent Done(TurnMetrics metrics) => new(ChatEventKind.Done, "", Metrics: metrics);
}
