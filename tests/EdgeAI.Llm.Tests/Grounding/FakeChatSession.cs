using System.Runtime.CompilerServices;
using EdgeAI.Llm.Chat;

namespace EdgeAI.Llm.Tests.Grounding;

/// <summary>
/// A session that answers each message with pieces chosen by the test, keeps the messages and resets it was given, and
/// stops at cancellation as the engine does (the stream still ends with Done, marked interrupted).
/// </summary>
internal sealed class FakeChatSession(string systemPrompt, Func<string, IEnumerable<string>> answer) : IChatSession
{
    private readonly List<ChatEntry> _history = [ChatEntry.System(systemPrompt)];

    /// <summary>Called after each piece is handed out, with the count so far (a test's clock, an exception).</summary>
    public Action<int>? AfterPiece { get; init; }

    public List<string> Messages { get; } = [];

    public int Resets { get; private set; }

    /// <summary>Pieces handed out over the session's life.</summary>
    public int Pieces { get; private set; }

    public string Name => "fake";

    public IReadOnlyList<ChatEntry> History => _history;

    public async IAsyncEnumerable<ChatEvent> SendAsync(string userMessage, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Messages.Add(userMessage);
        _history.Add(ChatEntry.User(userMessage));
        string text = "";
        int count = 0;
        foreach (string piece in answer(userMessage))
        {
            await Task.Yield();
            if (cancellationToken.IsCancellationRequested) break;
            text += piece;
            Pieces++;
            yield return ChatEvent.Token(piece);
            AfterPiece?.Invoke(++count);
        }

        bool interrupted = cancellationToken.IsCancellationRequested;
        _history.Add(ChatEntry.Assistant(text, interrupted));
        yield return ChatEvent.Done(new TurnMetrics(0, count, 0, 0, 0, 0, Interrupted: interrupted));
    }

    public void RewindTo(int entryIndex) => _history.RemoveRange(entryIndex, _history.Count - entryIndex);

    public void Reset()
    {
        Resets++;
        RewindTo(1);
    }

    public void Dispose()
    {
    }
}
