using EdgeAI.Voice.Intents;
using EdgeAI.Voice.Pocketsphinx;

namespace EdgeAI.Voice.Recognition;

/// <summary>
/// <see cref="ISpeechRecognizer"/> on pocketsphinx. By default in grammar mode: the JSGF grammar of the in-car
/// commands (<see cref="CommandGrammar"/>) over a <see cref="CommandVocabulary"/>, with pronunciations generated for
/// the names the dictionary lacks (<see cref="EspeakPhonemes"/>: each such word as espeak-ng's German voice says it,
/// and as its US English voice reads it, as a second pronunciation). Free dictation over the en-us language model is
/// an explicit option (<see cref="ForDictation"/>); it is far less accurate. The confidence is the hypothesis'
/// posterior probability; below <see cref="PocketsphinxRecognizerOptions.MinConfidence"/> the transcript is empty.
/// </summary>
public sealed class PocketsphinxRecognizer : ISpeechRecognizer
{
    /// <summary>The search name of the grammar mode.</summary>
    public const string GrammarSearch = "grammar";
    /// <summary>The search name of the dictation mode.</summary>
    public const string DictationSearch = "dictation";

    private readonly PocketsphinxDecoder _decoder;
    private readonly double _minConfidence;

    private PocketsphinxRecognizer(PocketsphinxDecoder decoder, string engine, double minConfidence, IReadOnlyDictionary<string, string> added)
    {
        _decoder = decoder;
        Engine = engine;
        _minConfidence = minConfidence;
        GeneratedPronunciations = added;
    }

    /// <inheritdoc />
    public string Engine { get; }

    /// <summary>The decoder (for keyword searches beside the grammar, or diagnostics).</summary>
    public PocketsphinxDecoder Decoder => _decoder;

    /// <summary>The words added to the dictionary with generated pronunciations (word or <c>word(2)</c> → phones).</summary>
    public IReadOnlyDictionary<string, string> GeneratedPronunciations { get; }

    /// <summary>The hypothesis of the last utterance before the rejection rule (its text even when rejected).</summary>
    public DecoderHypothesis LastHypothesis { get; private set; }

    /// <summary>Grammar mode over the in-car commands with <paramref name="vocabulary"/>'s names.</summary>
    /// <exception cref="PocketsphinxException">the library, model or espeak-ng is missing, or pocketsphinx refuses the grammar (one line).</exception>
    public static PocketsphinxRecognizer ForCommands(CommandVocabulary vocabulary, PocketsphinxRecognizerOptions? options = null)
    {
        options ??= new PocketsphinxRecognizerOptions();
        string jsgf = CommandGrammar.Build(options.Intents, vocabulary);
        return ForGrammar(jsgf, CommandGrammar.Words(options.Intents, vocabulary), options);
    }

    /// <summary>Grammar mode over any JSGF grammar whose words are <paramref name="words"/> (missing ones get generated pronunciations).</summary>
    public static PocketsphinxRecognizer ForGrammar(string jsgf, IEnumerable<string> words, PocketsphinxRecognizerOptions? options = null)
    {
        options ??= new PocketsphinxRecognizerOptions();
        var decoder = PocketsphinxDecoder.Open(options.Model, options.Arguments);
        try
        {
            var added = AddMissingWords(decoder, words);
            decoder.SetJsgfGrammar(GrammarSearch, jsgf);
            decoder.ActiveSearch = GrammarSearch;
            return new PocketsphinxRecognizer(decoder, "pocketsphinx", options.MinConfidence, added);
        }
        catch
        {
            decoder.Dispose();
            throw;
        }
    }

    /// <summary>Free dictation over the model's n-gram language model (explicit option; no rejection).</summary>
    public static PocketsphinxRecognizer ForDictation(PocketsphinxRecognizerOptions? options = null)
    {
        options ??= new PocketsphinxRecognizerOptions();
        options.Model.Require(languageModel: true);
        var decoder = PocketsphinxDecoder.Open(options.Model, options.Arguments);
        try
        {
            decoder.SetLanguageModelFile(DictationSearch, options.Model.LanguageModel!);
            decoder.ActiveSearch = DictationSearch;
            return new PocketsphinxRecognizer(decoder, "pocketsphinx:dictation", 0, new Dictionary<string, string>());
        }
        catch
        {
            decoder.Dispose();
            throw;
        }
    }

    /// <summary>Adds the words the dictionary lacks, pronounced by espeak-ng (German, and US English as a second pronunciation).</summary>
    internal static Dictionary<string, string> AddMissingWords(PocketsphinxDecoder decoder, IEnumerable<string> words)
    {
        var missing = new List<string>();
        foreach (string word in words.Distinct(StringComparer.Ordinal))
            if (!decoder.HasWord(word)) missing.Add(word);
        var added = new Dictionary<string, string>(StringComparer.Ordinal);
        if (missing.Count == 0) return added;
        var german = EspeakPhonemes.Mnemonics(missing, "de");
        var english = EspeakPhonemes.Mnemonics(missing, "en-us");
        for (int i = 0; i < missing.Count; i++)
        {
            string de = EspeakPhonemes.ToArpabet(german[i], "de"), en = EspeakPhonemes.ToArpabet(english[i], "en");
            if (de.Length == 0 && en.Length == 0)
                throw new PocketsphinxException($"word '{missing[i]}': not in the dictionary, and espeak-ng gave no phones for it");
            string first = de.Length > 0 ? de : en;
            decoder.AddWord(missing[i], first);
            added[missing[i]] = first;
            if (en.Length > 0 && en != first)
            {
                decoder.AddWord(missing[i] + "(2)", en);
                added[missing[i] + "(2)"] = en;
            }
        }
        return added;
    }

    /// <inheritdoc />
    public void Begin() => _decoder.StartUtterance();

    /// <inheritdoc />
    public void Accept(ReadOnlySpan<float> samples) => _decoder.Process(samples);

    /// <inheritdoc />
    public Transcript End()
    {
        _decoder.EndUtterance();
        var hyp = _decoder.Hypothesis();
        LastHypothesis = hyp;
        if (hyp.IsEmpty) return Transcript.None;
        string text = Words(hyp.Text);
        if (text.Length == 0) return Transcript.None;
        return hyp.Posterior < _minConfidence ? new Transcript(string.Empty, hyp.Posterior) : new Transcript(text, hyp.Posterior);
    }

    // Lower case, single spaces, alternate-pronunciation marks "(2)" and fillers ("<sil>", "[noise]") removed.
    private static string Words(string hypothesis)
    {
        var words = new List<string>();
        foreach (string token in hypothesis.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token[0] is '<' or '[' or '+') continue;
            int paren = token.IndexOf('(');
            words.Add((paren > 0 ? token[..paren] : token).ToLowerInvariant());
        }
        return string.Join(' ', words);
    }

    /// <summary>Frees the decoder.</summary>
    public void Dispose() => _decoder.Dispose();
}
