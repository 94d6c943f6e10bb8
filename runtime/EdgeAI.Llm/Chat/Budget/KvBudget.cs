using EdgeAI.Llm.Chat.Conversation;
using EdgeAI.Llm.Configuration;
using EdgeAI.Llm.Loading;

namespace EdgeAI.Llm.Chat.Budget;

/// <summary>
/// The hard KV-cache budget of one conversation: it sets GenAI's max_length (<see cref="LlmModelInfo.MaxLengthFor"/>),
/// and when a turn would not fit, the oldest whole turns are dropped (the system prompt and tool declarations stay)
/// and the rest is prefilled once.
/// </summary>
internal sealed class KvBudget
{
    private readonly int _answerTokens;

    /// <summary>Sizes the budget for <paramref name="model"/>; refuses one that cannot hold a single answer.</summary>
    public KvBudget(LlmModelInfo model, LlmOptions options)
    {
        Bytes = (long)(options.KvBudgetMiB * 1024 * 1024);
        MaxLength = model.MaxLengthFor(Bytes);
        _answerTokens = options.MaxNewTokens;
        if (MaxLength <= options.MaxNewTokens)
        {
            throw new InvalidDataException(
                $"{LlmOptions.Section}:KvBudgetMiB={options.KvBudgetMiB}: holds {MaxLength} tokens of this model ({model.KvBytesPerToken} B each), not even one answer of MaxNewTokens={options.MaxNewTokens}");
        }
    }

    /// <summary>The budget in bytes.</summary>
    public long Bytes { get; }

    /// <summary>Tokens the budget holds: GenAI's max_length.</summary>
    public int MaxLength { get; }

    /// <summary>Refuses a system prompt (with its tool declarations) that leaves no room for an answer.</summary>
    public void CheckSystemPrompt(int systemTokens)
    {
        if (systemTokens + _answerTokens >= MaxLength)
        {
            throw new InvalidDataException($"the system prompt and tool declarations take {systemTokens} tokens; the KV budget holds {MaxLength}");
        }
    }

    /// <summary>
    /// Drops the oldest whole turns (after the system prompt, before <paramref name="protectFrom"/>) until the history,
    /// <paramref name="incoming"/> tokens and one full answer fit in max_length; the rest is re-rendered and the
    /// generator rewound, so the next prefill feeds it once. Returns how many entries were dropped before
    /// <paramref name="protectFrom"/>.
    /// </summary>
    public int MakeRoom(RenderedConversation conversation, int incoming, int protectFrom, TurnCounters turn)
    {
        if (conversation.Count + incoming + _answerTokens <= MaxLength)
        {
            return 0;
        }

        List<ChatEntry> history = conversation.History;
        int removed = 0;
        while (conversation.Count + incoming + _answerTokens > MaxLength)
        {
            int next = history.Count > 2 ? history.FindIndex(2, e => e.Role == ChatRole.User) : -1;
            if (next < 0 || next > protectFrom)
            {
                next = protectFrom;
            }

            if (next <= 1)
            {
                throw new InvalidDataException(
                    $"the message needs {incoming} tokens plus {_answerTokens} for the answer; the KV budget holds {MaxLength} with {conversation.Count} for the system prompt");
            }

            conversation.RemoveEntries(1, next);
            protectFrom -= next - 1;
            removed += next - 1;
            turn.DroppedTurns++;
            conversation.Render();
        }

        conversation.RewindGenerator(0);
        conversation.MarkRerendered();
        return removed;
    }
}
