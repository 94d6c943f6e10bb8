namespace EdgeAI.Llm.Chat.Streaming;

/// <summary>
/// The reader's answer to the end of a streamed answer: whether it stopped listening (barge-in, or it left), and the
/// last text piece it was given, so the history keeps exactly what was shown. The generation runs ahead of the reader
/// by up to the channel's capacity; what the reader never saw is cut from the history and the KV cache.
/// </summary>
/// <param name="Interrupted">The reader was cancelled (or left) before the answer's end.</param>
/// <param name="TokenEnd">The conversation's token count after the last piece delivered; -1 when none was.</param>
/// <param name="TextEnd">The answer's text length after the last piece delivered; -1 when none was.</param>
internal readonly record struct AnswerCut(bool Interrupted, int TokenEnd, int TextEnd)
{
    /// <summary>No piece delivered yet, not interrupted.</summary>
    public static AnswerCut None => new(false, -1, -1);

    /// <summary>The session is closing: nothing more is delivered.</summary>
    public static AnswerCut Closed => new(true, -1, -1);

    /// <summary>The reader was given the piece in <paramref name="item"/>.</summary>
    public static AnswerCut After(in StreamItem item) => new(false, item.TokenEnd, item.TextEnd);
}
