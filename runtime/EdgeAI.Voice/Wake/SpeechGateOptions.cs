namespace EdgeAI.Voice.Wake;

/// <summary>How <see cref="SpeechGatedWakeDetector"/> checks a keyword-spotting candidate (defaults measured with
/// <c>edgeai bench wake</c>, docs/voice.md "Wake phrase").</summary>
public sealed record SpeechGateOptions
{
    /// <summary>The stretch whose chunks the speech gate counts, ending <see cref="TailChunks"/> after the candidate (default 1600 ms).</summary>
    public int WindowMs { get; init; } = 1600;

    /// <summary>Chunks (32 ms) heard after the candidate before it is checked, so the phrase's last sound is inside (default 4).</summary>
    public int TailChunks { get; init; } = 4;

    /// <summary>Silero's probability from which a chunk counts as speech (default 0.5).</summary>
    public float SpeechProbability { get; init; } = 0.5f;

    /// <summary>The speech gate: at least this many chunks of the stretch must be speech (default 8, 256 ms).</summary>
    public int MinSpeechChunks { get; init; } = 8;

    /// <summary>
    /// The isolation gate: the phrase must be said on its own, with a pause of this long before and after it (silence by
    /// <see cref="SpeechProbability"/>), as a wake phrase is and as words inside a sentence are not. The wake is reported
    /// once the pause after it has lasted this long. 0 turns the isolation gate off. Default 192 ms (6 chunks).
    /// </summary>
    public int PauseMs { get; init; } = 192;

    /// <summary>With the isolation gate, the longest stretch of speech (from the pause before to the pause after) that
    /// can hold the phrase alone (default 1600 ms).</summary>
    public int MaxPhraseMs { get; init; } = 1200;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentException">the named option and its range.</exception>
    public void Validate()
    {
        if (WindowMs is < 320 or > 10_000) throw new ArgumentException($"speech gate: WindowMs {WindowMs}: expected 320..10000");
        if (TailChunks is < 0 or > 31) throw new ArgumentException($"speech gate: TailChunks {TailChunks}: expected 0..31");
        if (!(SpeechProbability is >= 0 and <= 1)) throw new ArgumentException($"speech gate: SpeechProbability {SpeechProbability}: expected 0..1");
        if (PauseMs is < 0 or > 2000) throw new ArgumentException($"speech gate: PauseMs {PauseMs}: expected 0..2000");
        if (MaxPhraseMs is < 320 or > 10_000) throw new ArgumentException($"speech gate: MaxPhraseMs {MaxPhraseMs}: expected 320..10000");
        if (MinSpeechChunks < 0 || MinSpeechChunks * 32 > WindowMs) throw new ArgumentException($"speech gate: MinSpeechChunks {MinSpeechChunks}: expected 0..{WindowMs / 32} (the window's chunks)");
    }
}
