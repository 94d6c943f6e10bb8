namespace EdgeAI.Llm.Chat;

/// <summary>
/// A conversation with the assistant: the Qwen engine (LlmChatSession) and the template fallback
/// (Fallback.TemplateResponder) both implement it, so callers do not care which one answers.
/// </summary>
public interface IChatSession : IDisposable
{
    /// <summary>Name shown to users: the model folder, or "fallback".</summary>
    string Name { get; }

    /// <summary>The conversation so far, system prompt first.</summary>
    IReadOnlyList<ChatEntry> History { get; }

    /// <summary>
    /// Sends one user message and streams the answer: tokens, tool calls and results, then one Done event.
    /// Cancelling stops before the next token; the partial answer stays in the history marked interrupted, and the
    /// stream still ends with Done (Metrics.Interrupted) rather than throwing.
    /// </summary>
    IAsyncEnumerable<ChatEvent> SendAsync(string userMessage, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="SendAsync(string, CancellationToken)"/> with a say in tool use: the engine makes a required call
    /// first, decoded under guidance. A session that picks its tools itself (the template fallback) ignores it.
    /// </summary>
    IAsyncEnumerable<ChatEvent> SendAsync(string userMessage, ToolChoice toolChoice, CancellationToken cancellationToken = default) =>
        SendAsync(userMessage, cancellationToken);

    /// <summary>
    /// Forgets the turn at <paramref name="entryIndex"/> (the index of a user message in <see cref="History"/>) and
    /// everything after it: for a cancelled or edited turn.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">the index is not a user message.</exception>
    void RewindTo(int entryIndex);

    /// <summary>Forgets everything but the system prompt and tool declarations.</summary>
    void Reset();
}
