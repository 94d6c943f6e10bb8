using EdgeAI.Voice.Intents;
using EdgeAI.Voice.Pocketsphinx;

namespace EdgeAI.Voice.Recognition;

/// <summary>
/// <see cref="ISpeechRecognizer"/> on pocketsphinx. By default in grammar mode: the JSGF grammar of the in-car
/// commands (<see cref="CommandGrammar"/>) over a <see cref="CommandVocabulary"/>, with pronunciations generated for
/// the names the dictionary lacks (<see cref="EspeakPhonemes"/>: each such word as espeak-ng's German voice says it,
/// and as its US and British English voices read it) and a British English reading of every word. Free dictation over the en-us language model is
/// an explicit option (<see cref="ForDictation"/>); it is far less accurate. The confidence is the hypothesis'
/// posterior probability; below <see cref="PocketsphinxRecognizerOptions.MinConfidence"/> the transcript is empty.
/// In grammar mode pocketsphinx 0.8 rejects by itself (no path through the grammar reaches its end: empty
/// hypothesis); a path that does reach it has posterior 1.0, so the posterior does not separate a command from
/// noise forced into the grammar (docs/voice.md, "Rejection").
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
        return ForGrammar(jsgf, CommandGrammar.Words(options.Intents, vocabulary), options, vocabulary.WrittenForms);
    }

    /// <summary>Grammar mode over any JSGF grammar whose words are <paramref name="words"/> (missing ones get generated pronunciations).</summary>
    /// <param name="jsgf">The grammar.</param>
    /// <param name="words">Its words.</param>
    /// <param name="options">Model, rejection threshold, further options.</param>
    /// <param name="writtenForms">For a word, the spellings it stands for in names ("strasse" ← "straße"), each pronounced too; null: none.</param>
    public static PocketsphinxRecognizer ForGrammar(string jsgf, IEnumerable<string> words, PocketsphinxRecognizerOptions? options = null,
        Func<string, IReadOnlyCollection<string>>? writtenForms = null)
    {
        options ??= new PocketsphinxRecognizerOptions();
        var decoder = PocketsphinxDecoder.Open(options.Model, options.Arguments);
        try
        {
            var added = options.GeneratePronunciations ? AddPronunciations(decoder, words, writtenForms ?? (_ => [])) : [];
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

    /// <summary>
    /// Adds pronunciations, each as the word or its next free alternate <c>word(2)</c>, <c>word(3)</c>, ... and only
    /// when the dictionary does not have it already:
    /// <list type="bullet">
    /// <item>a word the dictionary lacks, and each other spelling of a word in the names ("straße" for "strasse"):
    /// espeak-ng's German, US English and British English readings;</item>
    /// <item>every word: its British English reading. cmudict is American; a British speaker's open [a] in
    /// "navigate" or "thanks" is nearer the model's AA than its AE (measured: espeak-ng's en voice said
    /// "navigate" alone is heard as "stop" without it, and 5 of the 180 spoken commands were missed).</item>
    /// </list>
    /// </summary>
    internal static Dictionary<string, string> AddPronunciations(PocketsphinxDecoder decoder, IEnumerable<string> words,
        Func<string, IReadOnlyCollection<string>> writtenForms)
    {
        // (word, spelling, every reading or the British one only)
        var requests = new List<(string Word, string Spelling, bool AllReadings)>();
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (string word in words.Distinct(StringComparer.Ordinal))
        {
            bool inDictionary = decoder.HasWord(word);
            if (!inDictionary) missing.Add(word);
            requests.Add((word, word, !inDictionary));
            foreach (string spelling in writtenForms(word)) requests.Add((word, spelling, true));
        }
        var added = new Dictionary<string, string>(StringComparer.Ordinal);
        if (requests.Count == 0) return added;
        var spellings = requests.Select(r => r.Spelling).ToList();
        // one espeak-ng process per voice, side by side (start-up time); a failure comes out as itself
        var byVoice = Task.WhenAll(Voices.Select(voice => Task.Run(() => EspeakPhonemes.Mnemonics(spellings, voice)))).GetAwaiter().GetResult();
        var readings = Voices.Select((voice, v) => (Voice: voice, Mnemonics: byVoice[v])).ToList();
        var phonesByWord = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (int i = 0; i < requests.Count; i++)
        {
            var (word, _, all) = requests[i];
            if (!phonesByWord.TryGetValue(word, out var list)) phonesByWord[word] = list = [];
            foreach (var (voice, mnemonics) in readings)
            {
                if (!all && voice != BritishVoice) continue;
                string phones = EspeakPhonemes.ToArpabet(mnemonics[i], voice);
                if (phones.Length > 0 && !list.Contains(phones)) list.Add(phones);
            }
        }
        foreach (var (word, pronunciations) in phonesByWord)
        {
            if (pronunciations.Count == 0 && missing.Contains(word))
                throw new PocketsphinxException($"word '{word}': not in the dictionary, and espeak-ng gave no phones for it");
            var known = KnownPronunciations(decoder, word);
            foreach (string phones in pronunciations)
            {
                if (known.Contains(phones)) continue;
                string entry = known.Count == 0 ? word : $"{word}({known.Count + 1})";
                decoder.AddWord(entry, phones);
                known.Add(phones);
                added[entry] = phones;
            }
        }
        return added;
    }

    private const string BritishVoice = "en";

    // espeak-ng voices whose readings become pronunciations: German (the names), US and British English
    private static readonly string[] Voices = ["de", "en-us", BritishVoice];

    // the dictionary's pronunciations of word: word, word(2), word(3), ... up to the first missing
    private static List<string> KnownPronunciations(PocketsphinxDecoder decoder, string word)
    {
        var known = new List<string>();
        for (string? phones = decoder.Pronunciation(word); phones is not null; phones = decoder.Pronunciation($"{word}({known.Count + 1})"))
            known.Add(phones);
        return known;
    }

    /// <inheritdoc />
    public void Begin() => _decoder.StartUtterance();

    /// <inheritdoc />
    public void Accept(ReadOnlySpan<float> samples) => _decoder.Process(samples);

    /// <inheritdoc />
    public string Partial() => Words(_decoder.HypothesisText());

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
