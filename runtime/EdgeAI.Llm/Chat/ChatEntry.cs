namespace EdgeAI.Llm.Chat;

/// <summary>
/// One message of a conversation. <see cref="Interrupted"/> marks an answer cut short by barge-in (cancellation):
/// it stays in the history as far as it got. <see cref="ToolName"/> is set on tool results.
/// </summary>
public sealed record ChatEntry(ChatRole Role, string Content, bool Interrupted = false, string? ToolName = null)
{
    /// <summary>A system prompt.</summary>
    public static ChatEntry System(string content) => new(ChatRole.System, content);

    /// <summary>A user's message.</summary>
    public static ChatEntry User(string content) => new(ChatRole.User, content);

    /// <summary>An assistant's reply (<paramref name="interrupted"/>: cut short by a barge-in or a stop).</summary>
    public static ChatEntry Assistant(string content, bool interrupted = false) => new(ChatRole.Assistant, content, interrupted);

    /// <summary>A tool's result, by tool name.</summary>
    public static ChatEntry Tool(string name, string content) => new(ChatRole.Tool, content, ToolName: name);
}
