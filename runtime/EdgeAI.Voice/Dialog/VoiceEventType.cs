namespace EdgeAI.Voice.Dialog;

/// <summary>The voice events' <c>type</c> in the v1 envelope (docs/events.md).</summary>
public static class VoiceEventType
{
    /// <summary>The VAD heard speech start.</summary>
    public const string SpeechStart = "speech_start";
    /// <summary>The VAD heard speech end.</summary>
    public const string SpeechEnd = "speech_end";
    /// <summary>The ear opened: the wake phrase (<c>kind</c> wake) or a press (<c>kind</c> ptt).</summary>
    public const string Wake = "wake";
    /// <summary>What the recognizer heard, with its confidence and latency.</summary>
    public const string Transcript = "transcript";
    /// <summary>Speech that matched nothing (empty transcript).</summary>
    public const string NoMatch = "no_match";
    /// <summary>The request's intent and slots.</summary>
    public const string Intent = "intent";
    /// <summary>The answer's text, who gave it and its latencies.</summary>
    public const string Answer = "answer";
    /// <summary>The user spoke while the assistant thought or spoke: speech and generation stopped.</summary>
    public const string BargeIn = "barge_in";
    /// <summary>No speech after the ear opened (<c>kind</c> no_speech), or a request too long (<c>kind</c> too_long).</summary>
    public const string Timeout = "timeout";
    /// <summary>Something failed; the dialog goes on.</summary>
    public const string Error = "error";
}
