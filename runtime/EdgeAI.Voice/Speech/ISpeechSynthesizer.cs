namespace EdgeAI.Voice.Speech;

/// <summary>
/// Turns answer text into speech, chunk by chunk, so that playback can start before the whole answer is synthesized
/// and barge-in can stop it within one chunk. Engines: espeak-ng (a process spoken to over its standard input, en and
/// zh voices, no temporary files) and a piper or kokoro voice through sherpa-onnx when the user supplies one.
/// </summary>
public interface ISpeechSynthesizer : IDisposable
{
    /// <summary>The engine and voice, e.g. <c>espeak-ng:en-us</c>.</summary>
    string Voice { get; }

    /// <summary>Samples per second of what <see cref="SynthesizeAsync"/> yields.</summary>
    int SampleRate { get; }

    /// <summary>
    /// The speech for <paramref name="text"/> in <paramref name="language"/> (<c>en</c>, <c>zh-CN</c>) as mono float
    /// chunks at <see cref="SampleRate"/>. Cancelling stops synthesis (and the process) promptly. A chunk may share its
    /// buffer with the next one: use or copy it before asking for the next.
    /// </summary>
    IAsyncEnumerable<ReadOnlyMemory<float>> SynthesizeAsync(string text, string language, CancellationToken cancellation = default);
}
