namespace EdgeAI.Voice.Speech;

/// <summary>
/// Where the assistant's answers go: spoken to an ALSA device, spoken into a WAV file (<c>--tts-out F.wav</c>, how
/// tests and CI hear it), or printed as text. <see cref="Stop"/> is barge-in: what is not yet heard is dropped at once.
/// </summary>
public interface ISpeechSink : IDisposable
{
    /// <summary>What the sink is, for events and errors: <c>alsa:default</c>, a path, <c>text</c>.</summary>
    string Name { get; }

    /// <summary>Speaks (or prints) <paramref name="text"/>; completes when it has been played out or stopped.</summary>
    Task SpeakAsync(string text, string language, CancellationToken cancellation = default);

    /// <summary>Barge-in: stops speaking within one chunk; a no-op when silent.</summary>
    void Stop();
}
