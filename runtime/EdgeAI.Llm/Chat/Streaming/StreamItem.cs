using System.Runtime.ExceptionServices;

namespace EdgeAI.Llm.Chat.Streaming;

/// <summary>
/// What the generation task puts on the channel: an event for the reader (a text piece carries where it ends in the
/// conversation's tokens and in the answer's text, so a barge-in can cut the answer exactly where the reader stopped),
/// the end of a streamed answer (the reader answers with an <see cref="AnswerCut"/>), or the failure that ended the turn.
/// </summary>
internal readonly struct StreamItem
{
    private StreamItem(ChatEvent chatEvent, int tokenEnd, int textEnd, bool endsAnswer, ExceptionDispatchInfo? failure)
    {
        Event = chatEvent;
        TokenEnd = tokenEnd;
        TextEnd = textEnd;
        EndsAnswer = endsAnswer;
        Failure = failure;
    }

    /// <summary>The event for the reader (default for the other kinds).</summary>
    public ChatEvent Event { get; }

    /// <summary>For a text piece: the conversation's token count just after the token that completed it.</summary>
    public int TokenEnd { get; }

    /// <summary>For a text piece: the answer's text length with it.</summary>
    public int TextEnd { get; }

    /// <summary>The streamed answer is over; the generation waits for the reader's <see cref="AnswerCut"/>.</summary>
    public bool EndsAnswer { get; }

    /// <summary>The turn failed: the reader throws this.</summary>
    public ExceptionDispatchInfo? Failure { get; }

    /// <summary>A text piece of the answer.</summary>
    public static StreamItem Piece(string text, int tokenEnd, int textEnd) => new(ChatEvent.Token(text), tokenEnd, textEnd, false, null);

    /// <summary>Any other event (tool call, tool result, done).</summary>
    public static StreamItem Of(ChatEvent chatEvent) => new(chatEvent, -1, -1, false, null);

    /// <summary>The end of a streamed answer.</summary>
    public static StreamItem AnswerEnd() => new(default, -1, -1, true, null);

    /// <summary>The turn failed with <paramref name="exception"/>.</summary>
    public static StreamItem Failed(Exception exception) => new(default, -1, -1, false, ExceptionDispatchInfo.Capture(exception));
}
