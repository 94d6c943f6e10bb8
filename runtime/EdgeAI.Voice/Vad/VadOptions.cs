namespace EdgeAI.Voice.Vad;

/// <summary>
/// How speech probabilities become speech segments: start and end thresholds with hysteresis, how long each must hold,
/// and how much audio is added around a segment. The <c>Voice:Vad</c> section of <c>edgeai.json</c>. Times are rounded
/// up to whole 32 ms chunks.
/// </summary>
public sealed record VadOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "Voice:Vad";

    /// <summary>Speech starts when the probability is at or above this for <see cref="MinSpeechMs"/>.</summary>
    public float StartThreshold { get; init; } = 0.5f;
    /// <summary>Speech ends when the probability is below this for <see cref="MinSilenceMs"/>; between the two
    /// thresholds nothing changes (hysteresis).</summary>
    public float EndThreshold { get; init; } = 0.35f;
    /// <summary>How long the probability must stay at or above <see cref="StartThreshold"/> before speech starts (N).</summary>
    public int MinSpeechMs { get; init; } = 64;
    /// <summary>How long it must stay below <see cref="EndThreshold"/> before speech ends (M); shorter pauses (between
    /// words) stay inside the segment. The end is reported this much after the speech stopped.</summary>
    public int MinSilenceMs { get; init; } = 320;
    /// <summary>Audio added before the first chunk that crossed <see cref="StartThreshold"/> (never before the previous
    /// segment's end). Silero's probability rises about one chunk after speech begins: 32 ms makes the start unbiased on
    /// espeak-ng speech (docs/voice.md).</summary>
    public int StartPaddingMs { get; init; } = 32;
    /// <summary>Audio added after the last chunk at or above <see cref="EndThreshold"/>. The probability falls with the
    /// speech, so none is added by default; a recognizer that wants a margin adds its own.</summary>
    public int EndPaddingMs { get; init; }

    /// <summary>Checks the values: thresholds in (0, 1) with the end one not above the start one, times not negative.</summary>
    /// <exception cref="ArgumentException">a value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (!(StartThreshold is > 0 and < 1))
            throw new ArgumentException($"Voice:Vad:StartThreshold is {StartThreshold}; expected a probability between 0 and 1");
        if (!(EndThreshold is > 0 and < 1) || EndThreshold > StartThreshold)
            throw new ArgumentException($"Voice:Vad:EndThreshold is {EndThreshold}; expected a probability between 0 and StartThreshold ({StartThreshold})");
        if (MinSpeechMs < 0 || MinSilenceMs < 0 || StartPaddingMs < 0 || EndPaddingMs < 0)
            throw new ArgumentException($"Voice:Vad times must not be negative (MinSpeechMs {MinSpeechMs}, MinSilenceMs {MinSilenceMs}, StartPaddingMs {StartPaddingMs}, EndPaddingMs {EndPaddingMs})");
    }
}
