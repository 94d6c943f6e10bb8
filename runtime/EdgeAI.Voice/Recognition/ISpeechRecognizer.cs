namespace EdgeAI.Voice.Recognition;

/// <summary>
/// An offline speech recognizer: one utterance at a time, fed 16 kHz mono float samples in [-1, 1] as they arrive.
/// Engines: pocketsphinx (grammar mode by default, dictation as an option) and sherpa-onnx with a user-supplied model
/// folder. The dialog calls <see cref="Begin"/> at speech start, <see cref="Accept"/> per chunk and <see cref="End"/>
/// at speech end; <see cref="Accept"/> allocates nothing per chunk in steady state.
/// </summary>
public interface ISpeechRecognizer : IDisposable
{
    /// <summary>The engine and mode, as the CLI names it: <c>pocketsphinx</c>, <c>pocketsphinx:dictation</c>, <c>sherpa:DIR</c>.</summary>
    string Engine { get; }

    /// <summary>Starts a new utterance; anything fed before is forgotten.</summary>
    void Begin();

    /// <summary>Feeds the next samples of the utterance (16 kHz mono, any count).</summary>
    void Accept(ReadOnlySpan<float> samples);

    /// <summary>The words heard so far in this utterance, as <see cref="Transcript.Text"/> writes them, without ending it
    /// (empty where the engine has none yet or gives no partial result). Allocates: call it at a pause, not per chunk.</summary>
    string Partial();

    /// <summary>Ends the utterance and returns what was said (empty text when nothing matched).</summary>
    Transcript End();
}
