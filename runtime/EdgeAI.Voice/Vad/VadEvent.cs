namespace EdgeAI.Voice.Vad;

/// <summary>
/// What one chunk of audio changed, as a value (no allocation per chunk). A <see cref="VadEventKind.SpeechStart"/> has
/// its <see cref="Start"/>; a <see cref="VadEventKind.SpeechEnd"/> has the whole segment. <see cref="DecidedAt"/> is the
/// end of the chunk that decided it, so <c>DecidedAt - End</c> is how long the end of speech took to be known.
/// </summary>
/// <param name="Kind">Start, end, or nothing.</param>
/// <param name="Start">The segment's start (padding included); zero for <see cref="VadEventKind.None"/>.</param>
/// <param name="End">The segment's end (padding included), for <see cref="VadEventKind.SpeechEnd"/>.</param>
/// <param name="DecidedAt">The end of the chunk that decided the event.</param>
public readonly record struct VadEvent(VadEventKind Kind, TimeSpan Start, TimeSpan End, TimeSpan DecidedAt)
{
    /// <summary>Nothing changed.</summary>
    public static VadEvent None => default;

    /// <summary>The segment of a <see cref="VadEventKind.SpeechEnd"/>.</summary>
    public SpeechSegment Segment => new(Start, End);
}
