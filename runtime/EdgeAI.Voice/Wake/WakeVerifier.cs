using EdgeAI.Voice.Intents;
using EdgeAI.Voice.Recognition;

namespace EdgeAI.Voice.Wake;

/// <summary>
/// Checks a wake candidate against the in-car commands: the stretch of speech that held it is decoded in grammar mode
/// over the commands with the wake phrase beside them (<see cref="CommandGrammar.BuildWithPhrase"/>), and the candidate
/// is confirmed when the phrase wins. A command said on its own ("cancel", "call mom"), which keyword spotting may take
/// for the phrase, is heard as itself. The commands are weighted down by <see cref="DefaultWeight"/>, so that a wake
/// said unclearly is not lost to a command that fits it only a little better.
/// </summary>
public sealed class WakeVerifier : IWakeVerifier
{
    /// <summary>
    /// The phrase's prior odds against the commands unless another is given, chosen on <c>edgeai bench wake</c>
    /// (docs/voice.md, "Wake phrase").
    /// </summary>
    public const double DefaultWeight = 1e8;

    /// <summary>
    /// pocketsphinx's options for the check: the recognizer's, and dither, which keeps digital silence (a file's, or
    /// a muted input's) from giving the front end log-of-zero energies; seeded, so a stretch always gets the same answer.
    /// </summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Arguments =
        [.. new PocketsphinxRecognizerOptions().Arguments, new("dither", "yes"), new("seed", "1")];

    private readonly PocketsphinxRecognizer _recognizer;

    /// <summary>Checks candidates of <paramref name="phrase"/> against the commands over <paramref name="vocabulary"/>.</summary>
    /// <exception cref="Pocketsphinx.PocketsphinxException">pocketsphinx, its model or espeak-ng is missing (one line naming the package).</exception>
    public WakeVerifier(string phrase, CommandVocabulary vocabulary, double weight = DefaultWeight)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var options = new PocketsphinxRecognizerOptions { Arguments = Arguments };
        string jsgf = CommandGrammar.BuildWithPhrase(options.Intents, vocabulary, phrase, weight);
        Phrase = CommandGrammar.Phrase(phrase);
        var words = CommandGrammar.Words(options.Intents, vocabulary).Concat(Phrase.Split(' '));
        _recognizer = PocketsphinxRecognizer.ForGrammar(jsgf, words, options, vocabulary.WrittenForms);
        Weight = weight;
    }

    /// <summary>The wake phrase, lower case.</summary>
    public string Phrase { get; }

    /// <summary>The phrase's prior odds against the commands.</summary>
    public double Weight { get; }

    /// <summary>What the last checked stretch was heard as (the phrase, a command, or empty).</summary>
    public string LastHeard { get; private set; } = string.Empty;

    /// <inheritdoc/>
    public bool Confirms(ReadOnlySpan<float> stretch)
    {
        _recognizer.Begin();
        _recognizer.Accept(stretch);
        LastHeard = _recognizer.End().Text;
        return LastHeard == Phrase;
    }

    /// <inheritdoc/>
    public void Dispose() => _recognizer.Dispose();
}
