namespace EdgeAI.Voice.Speech;

/// <summary>How <see cref="EspeakSynthesizer"/> runs espeak-ng.</summary>
public sealed class EspeakOptions
{
    /// <summary>The espeak-ng program: a name looked up on PATH or a path (default <c>espeak-ng</c>).</summary>
    public string Executable { get; init; } = "espeak-ng";

    /// <summary>
    /// Samples per second of the speech yielded (default 16000, the voice path's rate: the loudspeaker, the echo
    /// canceller's reference and <c>--tts-out</c> files share the microphone's rate). espeak-ng speaks at 22050 Hz;
    /// any other rate goes through <see cref="EdgeAI.Audio.PolyphaseResampler"/>. 22050 passes its samples through.
    /// </summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>Speaking rate in words per minute (espeak-ng's <c>-s</c>; default 175, espeak-ng's own).</summary>
    public int WordsPerMinute { get; init; } = 175;

    /// <summary>
    /// Keep one espeak-ng process started, with its voice loaded, waiting for the next answer (default true): the next
    /// answer's first audio then comes in about 1-5 ms instead of 25-40 ms (process start and voice loading; measured in
    /// docs/voice.md). Each answer still has its own process, so its end is the end of the process's output.
    /// </summary>
    public bool KeepSpareProcess { get; init; } = true;

    /// <summary>
    /// Language tags to espeak-ng voices, matched without regard to case, then by the primary subtag (<c>en-AU</c> →
    /// <c>en</c>). Default: <c>en</c>, <c>en-US</c> → <c>en-us</c>; <c>en-GB</c> → <c>en-gb</c>; <c>zh</c>,
    /// <c>zh-CN</c>, <c>cmn</c> → <c>cmn</c> (Mandarin). Any other tag is given to espeak-ng as the voice name (it knows
    /// about a hundred: <c>de</c>, <c>fr</c>, ...).
    /// </summary>
    public IReadOnlyDictionary<string, string> Voices { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "en-us",
        ["en-US"] = "en-us",
        ["en-GB"] = "en-gb",
        ["zh"] = "cmn",
        ["zh-CN"] = "cmn",
        ["zh-Hans"] = "cmn",
        ["cmn"] = "cmn",
    };

    /// <summary>The language whose voice <see cref="EspeakSynthesizer.Voice"/> names (default <c>en</c>).</summary>
    public string DefaultLanguage { get; init; } = "en";

    /// <summary>The process's working directory and TMPDIR (null: inherited); tests point it at an empty folder to
    /// check that nothing is written there.</summary>
    public string? WorkingDirectory { get; init; }

    /// <exception cref="ArgumentException">a value is out of range.</exception>
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Executable);
        if (SampleRate is < 8000 or > 192000) throw new ArgumentException($"espeak-ng output rate {SampleRate} Hz: expected 8000..192000");
        if (WordsPerMinute is < 80 or > 450) throw new ArgumentException($"espeak-ng speaking rate {WordsPerMinute} words per minute: expected 80..450");
        ArgumentNullException.ThrowIfNull(Voices);
    }
}
