using System.Runtime.CompilerServices;
using System.Text.Json;
using EdgeAI.Llm.Chat;
using Microsoft.Extensions.AI;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;
using ChatRole = EdgeAI.Llm.Chat.ChatRole;

namespace EdgeAI.Llm.ChatClient;

/// <summary>
/// An <see cref="IChatClient"/> (Microsoft.Extensions.AI, the .NET ecosystem's chat interface) over an EdgeAI
/// <see cref="IChatSession"/>: the Qwen engine or the template fallback.
/// <para>
/// IChatClient callers pass the whole conversation each time; the session keeps its KV cache instead. When the
/// caller's user messages continue the session's (the usual "append and call again"), only the new message is
/// prefilled; an edited earlier user message rewinds the session to that turn. A conversation the session never saw
/// (earlier user messages it does not have) is refused: this client is stateful by design.
/// </para>
/// Tools run inside the session (the vehicle tools); their calls and results come back as
/// <see cref="FunctionCallContent"/> / <see cref="FunctionResultContent"/> for the caller to see, already done.
/// <see cref="ChatOptions.ToolMode"/> = RequireAny / RequireSpecific makes the engine call a tool first, decoded under
/// GenAI's guidance.
/// </summary>
public sealed class EdgeAIChatClient(IChatSession session, bool ownsSession = false) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new("EdgeAI", defaultModelId: session.Name);
    private int _calls;

    /// <summary>The session behind this client.</summary>
    public IChatSession Session { get; } = session ?? throw new ArgumentNullException(nameof(session));

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        string user = Align(messages.ToList());
        string responseId = $"edgeai-{Interlocked.Increment(ref _calls)}";
        string? callId = null;
        int toolCalls = 0;
        ToolChoice choice = options?.ToolMode is RequiredChatToolMode required
            ? required.RequiredFunctionName is { } name ? ToolChoice.Named(name) : ToolChoice.Any
            : ToolChoice.Auto;
        await foreach (ChatEvent e in Session.SendAsync(user, choice, cancellationToken).ConfigureAwait(false))
        {
            var update = new ChatResponseUpdate { Role = AIChatRole.Assistant, ResponseId = responseId, ModelId = Session.Name };
            switch (e.Kind)
            {
                case ChatEventKind.Token:
                    update.Contents.Add(new TextContent(e.Text));
                    break;
                case ChatEventKind.ToolCall:
                    // Each call's result follows it, so the result takes the id of the call before it.
                    callId = $"{responseId}-call{++toolCalls}";
                    update.Contents.Add(new FunctionCallContent(callId, e.Name!, Arguments(e.Arguments)) { InformationalOnly = true });
                    break;
                case ChatEventKind.ToolResult:
                    update.Role = AIChatRole.Tool;
                    update.Contents.Add(new FunctionResultContent(callId ?? $"{responseId}-{e.Name}", e.Text));
                    break;
                case ChatEventKind.Done:
                    update.Contents.Add(new UsageContent(new UsageDetails
                    {
                        InputTokenCount = e.Metrics.PromptTokens,
                        OutputTokenCount = e.Metrics.NewTokens,
                        TotalTokenCount = e.Metrics.PromptTokens + e.Metrics.NewTokens,
                    }));
                    update.FinishReason = e.Metrics.HitTokenLimit ? ChatFinishReason.Length : ChatFinishReason.Stop;
                    break;
            }

            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(ChatClientMetadata)) return _metadata;
        if (serviceType.IsInstanceOfType(Session)) return Session;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (ownsSession) Session.Dispose();
    }

    /// <summary>
    /// Brings the session in line with <paramref name="messages"/> and returns the new user message to send: the
    /// caller's earlier user messages must be the session's, in order (assistant and tool messages are the session's
    /// own and not compared); where they stop matching the session is rewound.
    /// </summary>
    private string Align(List<ChatMessage> messages)
    {
        List<ChatMessage> conversation = messages.Where(m => m.Role != AIChatRole.System).ToList();
        if (conversation.Count == 0 || conversation[^1].Role != AIChatRole.User)
        {
            throw new ArgumentException("the last message must be the user's", nameof(messages));
        }

        string? system = messages.FirstOrDefault(m => m.Role == AIChatRole.System)?.Text;
        if (system is not null && Session.History.Count > 0 && Session.History[0].Role == ChatRole.System && system != Session.History[0].Content)
        {
            throw new NotSupportedException("the system prompt is the session's (LlmOptions.SystemPrompt); it cannot change per call");
        }

        List<string> earlier = conversation.Take(conversation.Count - 1).Where(m => m.Role == AIChatRole.User).Select(m => m.Text).ToList();
        List<int> userEntries = Enumerable.Range(0, Session.History.Count).Where(i => Session.History[i].Role == ChatRole.User).ToList();
        int matching = 0;
        while (matching < earlier.Count && matching < userEntries.Count && Session.History[userEntries[matching]].Content == earlier[matching])
        {
            matching++;
        }

        if (matching < earlier.Count)
        {
            throw new NotSupportedException(
                $"user message {matching + 1} of this conversation is not in the session; start from the session's own history or a new session");
        }

        if (matching < userEntries.Count)
        {
            Session.RewindTo(userEntries[matching]);
        }

        return conversation[^1].Text;
    }

    private static Dictionary<string, object?> Arguments(string? json)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json)) return arguments;
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return arguments;
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }
        }
        catch (JsonException)
        {
            arguments["raw"] = json;
        }

        return arguments;
    }
}
