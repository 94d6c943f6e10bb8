namespace EdgeAI.Voice.Vad;

/// <summary>What a chunk changed.</summary>
public enum VadEventKind : byte
{
    /// <summary>Nothing: still silence, or still speech.</summary>
    None,
    /// <summary>Speech began (held above the start threshold long enough).</summary>
    SpeechStart,
    /// <summary>Speech ended (held below the end threshold long enough); the event carries the whole segment.</summary>
    SpeechEnd,
}
