namespace EdgeAI.Voice.Vad;

/// <summary>A stretch of speech on the audio source's timeline, padding included.</summary>
/// <param name="Start">When it starts.</param>
/// <param name="End">When it ends.</param>
public readonly record struct SpeechSegment(TimeSpan Start, TimeSpan End)
{
    /// <summary>End minus start.</summary>
    public TimeSpan Duration => End - Start;

    /// <summary><c>1.234-2.345 s</c>.</summary>
    public override string ToString() => $"{Start.TotalSeconds:F3}-{End.TotalSeconds:F3} s";
}
