using EdgeAI.Voice.Intents;
using EdgeAI.Voice.Pocketsphinx;

namespace EdgeAI.Voice.Wake;

/// <summary>
/// The wake phrase by pocketsphinx keyword spotting (<see cref="PocketsphinxDecoder.SetKeyphrase"/>). The stream is
/// decoded as <c>pocketsphinx_continuous</c> decodes a file, so both report the same detections: pocketsphinx's own
/// voice detector drops silence, and an utterance ends (and a new one starts) whenever its speech ends. A detection
/// ends the utterance too, so the next wake is looked for afresh. <see cref="Accept"/> converts into a reusable
/// 16-bit buffer and asks for the hypothesis without building its text: 0 B per chunk.
/// </summary>
public sealed class PocketsphinxWakeDetector : IWakeDetector
{
    /// <summary>The phrase listened for unless another is given.</summary>
    public const string DefaultPhrase = "hey edge";

    /// <summary>
    /// The detection threshold unless another is given, chosen on <c>edgeai bench wake</c>'s curve (docs/voice.md,
    /// "Wake phrase"): smaller wakes more readily and false-alarms more. Loose, because the gates and the verifier of
    /// <see cref="SpeechGatedWakeDetector"/> refuse what it lets through: with them, 1.4 % false rejects, no false alarm
    /// in 5 h of mixed speech and none on 44 commands said alone.
    /// </summary>
    public const double DefaultThreshold = 1e-50;

    private const string Search = "wake";
    private readonly PocketsphinxDecoder _decoder;
    private readonly bool _ownsDecoder;
    private bool _inSpeech;

    /// <summary>Listens for <paramref name="phrase"/> at <paramref name="threshold"/> with Debian's US English model.</summary>
    /// <exception cref="ArgumentException">a word of the phrase is not in the model's dictionary (it is named).</exception>
    /// <exception cref="PocketsphinxException">pocketsphinx or its model is missing (names the Debian packages).</exception>
    public PocketsphinxWakeDetector(string phrase = DefaultPhrase, double threshold = DefaultThreshold)
        : this(PocketsphinxDecoder.Open(PocketsphinxModel.EnUs), phrase, threshold, ownsDecoder: true)
    {
    }

    /// <summary>Listens on <paramref name="decoder"/> (its search becomes the wake phrase's; disposed with this
    /// detector when <paramref name="ownsDecoder"/>).</summary>
    /// <exception cref="ArgumentException">the phrase is empty, a word is not in the dictionary, or the threshold is not in (0, 1].</exception>
    public PocketsphinxWakeDetector(PocketsphinxDecoder decoder, string phrase, double threshold, bool ownsDecoder = false)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(phrase);
        _decoder = decoder;
        _ownsDecoder = ownsDecoder;
        try
        {
            Phrase = CommandGrammar.Phrase(phrase);
            if (Phrase.Length == 0) throw new ArgumentException("the wake phrase is empty", nameof(phrase));
            if (!(threshold > 0 && threshold <= 1))
                throw new ArgumentException($"wake threshold {threshold}: expected a probability ratio in (0, 1], e.g. 1e-30", nameof(threshold));
            foreach (string word in Phrase.Split(' '))
                if (!decoder.HasWord(word))
                    throw new ArgumentException($"wake phrase '{Phrase}': '{word}' is not in the pronunciation dictionary {decoder.Model.Dictionary}; choose words it has, or add the word with its phones", nameof(phrase));
            Threshold = threshold;
            decoder.SetKeyphrase(Search, Phrase, threshold);
            decoder.ActiveSearch = Search;
            decoder.StartUtterance();
        }
        catch
        {
            if (ownsDecoder) decoder.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public string Phrase { get; }

    /// <summary>The detection threshold (pocketsphinx's <c>-kws_threshold</c>).</summary>
    public double Threshold { get; }

    /// <summary>Wakes reported so far.</summary>
    public long Detections { get; private set; }

    /// <inheritdoc />
    public bool Accept(ReadOnlySpan<float> samples)
    {
        _decoder.Process(samples);
        if (_decoder.HasHypothesis())
        {
            Detections++;
            Restart();
            return true;
        }
        // as pocketsphinx_continuous: the end of speech ends the utterance
        bool inSpeech = _decoder.InSpeech;
        if (_inSpeech && !inSpeech) Restart();
        else _inSpeech = inSpeech;
        return false;
    }

    /// <inheritdoc />
    public void Reset() => Restart();

    private void Restart()
    {
        _decoder.EndUtterance();
        _decoder.StartUtterance();
        _inSpeech = false;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsDecoder) _decoder.Dispose();
    }
}
