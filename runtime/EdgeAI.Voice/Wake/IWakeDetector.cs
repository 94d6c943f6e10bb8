namespace EdgeAI.Voice.Wake;

/// <summary>
/// Listens for a wake phrase ("hey edge") in a continuous 16 kHz mono stream. Engines: pocketsphinx keyword spotting
/// (phrase and threshold configurable) and sherpa-onnx keyword spotting from text. Push-to-talk needs no detector.
/// <see cref="Accept"/> allocates nothing per chunk in steady state.
/// </summary>
public interface IWakeDetector : IDisposable
{
    /// <summary>The phrase listened for, lower case.</summary>
    string Phrase { get; }

    /// <summary>Feeds the next samples; true when the phrase was heard in them (the detector then starts afresh).</summary>
    bool Accept(ReadOnlySpan<float> samples);

    /// <summary>Forgets what was heard so far (after the assistant spoke, or a push-to-talk turn).</summary>
    void Reset();
}
