namespace EdgeAI.Voice.Dialog;

/// <summary>How the dialog listens and when it gives up.</summary>
public sealed class VoiceDialogOptions
{
    /// <summary>What opens the ear (default: every stretch of speech).</summary>
    public ActivationMode Activation { get; init; } = ActivationMode.Always;

    /// <summary>After the wake phrase or a press, how long to wait for speech before giving up (default 5 s).</summary>
    public TimeSpan NoSpeechTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest request; longer ones are cut there and recognized as they are (default 10 s).</summary>
    public TimeSpan MaxUtterance { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Chunks before the VAD's start given to the recognizer too, so the first phone is not cut (default 3, 96 ms).</summary>
    public int PreRollChunks { get; init; } = 3;

    /// <summary>
    /// How long a pause ends a request whose words so far are a whole command that more words cannot change
    /// (<see cref="Intents.IntentParser.IsComplete"/>); default 256 ms. Other requests end at the VAD's hangover
    /// (<see cref="Vad.VadOptions.MinSilenceMs"/>, 320 ms), which keeps pauses between words inside a request. Zero
    /// turns the shortcut off. Shorter was tried: at 160 and 224 ms pocketsphinx's final hypothesis of the bundled
    /// drive's "where can i park" (its second request) came out as "call work"; it needs some trailing silence.
    /// </summary>
    public TimeSpan CompleteCommandSilence { get; init; } = TimeSpan.FromMilliseconds(256);

    /// <summary>The answers' language (<c>en</c>, <c>zh-CN</c>).</summary>
    public string Language { get; init; } = "en";

    /// <summary>Whether speech while the assistant thinks or speaks interrupts it (default true).</summary>
    public bool BargeIn { get; init; } = true;

    /// <summary>
    /// How much of the assistant's speech the echo canceller hears before speech over it counts as a barge-in (default
    /// 3 s, once per canceller: speexdsp removes about 8 dB in its first second and 24 dB by its third).
    /// </summary>
    public TimeSpan EchoLearning { get; init; } = TimeSpan.FromSeconds(3);

    /// <exception cref="ArgumentException">a value is out of range.</exception>
    internal void Validate()
    {
        if (NoSpeechTimeout <= TimeSpan.Zero) throw new ArgumentException($"no-speech timeout {NoSpeechTimeout}: expected above 0");
        if (MaxUtterance <= TimeSpan.Zero) throw new ArgumentException($"maximum utterance {MaxUtterance}: expected above 0");
        if (CompleteCommandSilence < TimeSpan.Zero) throw new ArgumentException($"complete-command silence {CompleteCommandSilence}: expected 0 or above");
        if (PreRollChunks is < 0 or > 32) throw new ArgumentException($"pre-roll {PreRollChunks} chunks: expected 0..32");
    }
}
