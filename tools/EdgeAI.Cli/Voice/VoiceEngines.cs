using EdgeAI.Cli.Commands;
using EdgeAI.Inference.Models;
using EdgeAI.Voice.Echo;
using EdgeAI.Voice.Intents;
using EdgeAI.Voice.Recognition;
using EdgeAI.Voice.Sherpa;
using EdgeAI.Voice.Speech;
using EdgeAI.Voice.Vad;
using EdgeAI.Voice.Wake;

namespace EdgeAI.Cli.Voice;

/// <summary>
/// The engines of <c>edgeai voice</c>, chosen by <c>--engine</c>: the VAD (Silero from the model cache), the recognizer
/// (pocketsphinx over the command grammar of the region's names, pocketsphinx dictation, or sherpa-onnx with a user
/// model folder), the intent parser, and on demand the wake detector, the synthesizer and the echo canceller.
/// </summary>
internal sealed class VoiceEngines : IDisposable
{
    /// <summary>The wake phrase when <c>--wake</c> names none.</summary>
    public const string DefaultWakePhrase = PocketsphinxWakeDetector.DefaultPhrase;

    private VoiceEngines(VoiceActivityDetector vad, ISpeechRecognizer recognizer, IntentParser parser)
    {
        Vad = vad;
        Recognizer = recognizer;
        Parser = parser;
    }

    /// <summary>Silero VAD on the dialog's stream.</summary>
    public VoiceActivityDetector Vad { get; }

    /// <summary>The recognizer <c>--engine</c> chose.</summary>
    public ISpeechRecognizer Recognizer { get; }

    /// <summary>Transcript to intent, over the same vocabulary as the grammar.</summary>
    public IntentParser Parser { get; }

    /// <summary>Opens the VAD and the recognizer named by <paramref name="engine"/> over <paramref name="vocabulary"/>.</summary>
    /// <exception cref="UsageException">an engine edgeai does not know.</exception>
    public static VoiceEngines Open(string engine, CommandVocabulary vocabulary)
    {
        var cache = new ModelCache();
        var vad = new VoiceActivityDetector(SileroVad.Load(cache));
        try
        {
            ISpeechRecognizer recognizer = engine switch
            {
                "pocketsphinx" => PocketsphinxRecognizer.ForCommands(vocabulary),
                "pocketsphinx:dictation" => PocketsphinxRecognizer.ForDictation(),
                _ when engine.StartsWith("sherpa:", StringComparison.Ordinal) && engine.Length > "sherpa:".Length =>
                    new SherpaRecognizer(engine["sherpa:".Length..], cache: cache),
                _ => throw new UsageException($"--engine '{engine}': expected pocketsphinx, pocketsphinx:dictation or sherpa:DIR"),
            };
            return new VoiceEngines(vad, recognizer, new IntentParser(vocabulary));
        }
        catch
        {
            vad.Dispose();
            throw;
        }
    }

    /// <summary>The wake engine when none is named.</summary>
    public const string DefaultWakeEngine = "pocketsphinx";

    /// <summary>
    /// The wake phrase <paramref name="phrase"/> by <paramref name="engine"/>'s keyword spotting, its candidates gated on
    /// speech by Silero VAD (music and noise do not wake it) and on being said alone:
    /// <list type="bullet">
    /// <item><c>pocketsphinx</c> (threshold: docs/voice.md's measured default), each candidate then checked against the
    /// commands over <paramref name="vocabulary"/> (a command said alone does not wake it);</item>
    /// <item><c>sherpa:DIR</c>, a keyword-spotting model folder the user supplies (threshold: sherpa's
    /// keywords_threshold, default 0.25). The check against the commands is pocketsphinx's English grammar, so it is
    /// left out: the phrase may be in the model's own language and tokens.</item>
    /// </list>
    /// </summary>
    /// <exception cref="UsageException">an engine edgeai does not know.</exception>
    /// <exception cref="SherpaModelFolderException">the folder is not a keyword-spotting model, or sherpa-onnx refused it.</exception>
    public static IWakeDetector Wake(string phrase, double? threshold, CommandVocabulary vocabulary, string engine = DefaultWakeEngine)
    {
        IWakeDetector spotter = engine switch
        {
            DefaultWakeEngine => new PocketsphinxWakeDetector(phrase, threshold ?? PocketsphinxWakeDetector.DefaultThreshold),
            _ when engine.StartsWith("sherpa:", StringComparison.Ordinal) && engine.Length > "sherpa:".Length =>
                new SherpaKeywordSpotter(engine["sherpa:".Length..], phrase, threshold is { } t ? (float)t : SherpaKeywordSpotter.DefaultThreshold),
            _ => throw new UsageException($"--wake-engine '{engine}': expected pocketsphinx or sherpa:DIR (a keyword-spotting model folder)"),
        };
        WakeVerifier? verifier = null;
        try
        {
            if (spotter is PocketsphinxWakeDetector) verifier = new WakeVerifier(spotter.Phrase, vocabulary);
            return new SpeechGatedWakeDetector(spotter, SileroVad.Load(new ModelCache()), verifier: verifier);
        }
        catch
        {
            verifier?.Dispose();
            spotter.Dispose();
            throw;
        }
    }

    /// <summary>The voice when none is named.</summary>
    public const string DefaultVoice = "espeak";

    /// <summary>
    /// The answers' voice at 16 kHz, the dialog's chunk clock: <c>espeak</c> (espeak-ng), or <c>sherpa:DIR</c>, a piper or
    /// kokoro voice folder through sherpa-onnx, resampled from its own rate.
    /// </summary>
    /// <param name="voice">The voice as named on the command line or in the configuration.</param>
    /// <param name="option">Where it was named, for the message (<c>--voice</c>, <c>Run:Voice</c>).</param>
    /// <exception cref="UsageException">a voice edgeai does not know.</exception>
    /// <exception cref="SherpaModelFolderException">the folder is not a voice, or sherpa-onnx refused it.</exception>
    public static ISpeechSynthesizer Synthesizer(string voice = DefaultVoice, string option = "--voice")
    {
        if (voice == DefaultVoice) return new EspeakSynthesizer();
        if (voice.StartsWith("sherpa:", StringComparison.Ordinal) && voice.Length > "sherpa:".Length)
            return ResampledSynthesizer.At(new SherpaSynthesizer(voice["sherpa:".Length..]), SileroVad.SampleRate);
        throw new UsageException($"{option} '{voice}': expected espeak or sherpa:DIR (a piper or kokoro voice folder)");
    }

    /// <summary>speexdsp's echo canceller.</summary>
    public static IEchoCanceller EchoCanceller() => new EchoCanceller();

    /// <inheritdoc/>
    public void Dispose()
    {
        Recognizer.Dispose();
        Vad.Dispose();
    }
}
