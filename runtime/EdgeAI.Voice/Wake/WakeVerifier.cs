using System.Text;
using EdgeAI.Voice.Pocketsphinx;

namespace EdgeAI.Voice.Wake;

/// <summary>
/// The wake phrase's second stage: re-decodes a short stretch of audio around a keyword-spotting candidate in grammar
/// mode twice, once with the phrase between free phone loops (<c>[phones] hey edge [phones]</c>) and once with the
/// phone loop alone, and returns how much better the phrase explains the stretch, per 10 ms frame. A stretch that holds
/// the phrase scores well above the loop's penalties; other speech, whose sounds the loop follows more closely than
/// the phrase, scores below. Allocates per call (the hypotheses' text), which is per candidate, not per chunk.
/// </summary>
public sealed class WakeVerifier : IDisposable
{
    /// <summary>The US English model's phones (Debian's en-us <c>mdef</c>, less SIL and the noise phones).</summary>
    public static readonly IReadOnlyList<string> Phones =
    [
        "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY", "JH", "K",
        "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH",
    ];

    private const string PhraseSearch = "phrase", LoopSearch = "loop";
    private readonly PocketsphinxDecoder _decoder;
    private readonly bool _ownsDecoder;

    /// <summary>Verifies <paramref name="phrase"/> with Debian's US English model.</summary>
    /// <exception cref="ArgumentException">a word of the phrase is not in the dictionary.</exception>
    /// <exception cref="PocketsphinxException">pocketsphinx or its model is missing.</exception>
    public WakeVerifier(string phrase)
        : this(PocketsphinxDecoder.Open(PocketsphinxModel.EnUs), phrase, ownsDecoder: true)
    {
    }

    /// <summary>Verifies on <paramref name="decoder"/> (its searches become the verifier's; disposed with it when
    /// <paramref name="ownsDecoder"/>).</summary>
    /// <exception cref="ArgumentException">the phrase is empty or a word is not in the dictionary.</exception>
    public WakeVerifier(PocketsphinxDecoder decoder, string phrase, bool ownsDecoder = false)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(phrase);
        _decoder = decoder;
        _ownsDecoder = ownsDecoder;
        try
        {
            Phrase = string.Join(' ', phrase.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (Phrase.Length == 0) throw new ArgumentException("the wake phrase is empty", nameof(phrase));
            foreach (string word in Phrase.Split(' '))
                if (!decoder.HasWord(word)) throw new ArgumentException($"wake phrase '{Phrase}': '{word}' is not in the pronunciation dictionary {decoder.Model.Dictionary}", nameof(phrase));
            // one "word" per phone: the loop that stands for anything else said
            var loop = new StringBuilder("(");
            foreach (string phone in Phones)
            {
                string word = "ph_" + phone.ToLowerInvariant();
                if (!decoder.HasWord(word)) decoder.AddWord(word, phone);
                loop.Append(loop.Length > 1 ? " | " : "").Append(word);
            }
            loop.Append(")+");
            decoder.SetJsgfGrammar(PhraseSearch, $"#JSGF V1.0;\ngrammar phrase;\n<loop> = {loop};\npublic <s> = [<loop>] {Phrase} [<loop>];\n");
            decoder.SetJsgfGrammar(LoopSearch, $"#JSGF V1.0;\ngrammar loop;\npublic <s> = {loop};\n");
        }
        catch
        {
            if (ownsDecoder) decoder.Dispose();
            throw;
        }
    }

    /// <summary>The phrase verified, lower case.</summary>
    public string Phrase { get; }

    /// <summary>
    /// How much better the phrase explains <paramref name="audio"/> (16 kHz mono) than the phone loop alone: the
    /// difference of the two paths' scores per 10 ms frame, in pocketsphinx's log units. Negative infinity when no path
    /// with the phrase reaches the grammar's end.
    /// </summary>
    public double Margin(ReadOnlySpan<float> audio)
    {
        var phrase = Decode(PhraseSearch, audio, out int frames);
        if (phrase.IsEmpty) return double.NegativeInfinity;
        var loop = Decode(LoopSearch, audio, out _);
        if (loop.IsEmpty) return double.PositiveInfinity;
        return (phrase.Score - (double)loop.Score) / Math.Max(1, frames);
    }

    private DecoderHypothesis Decode(string search, ReadOnlySpan<float> audio, out int frames)
    {
        _decoder.ActiveSearch = search;
        _decoder.StartUtterance();
        _decoder.Process(audio);
        _decoder.EndUtterance();
        frames = _decoder.Frames;
        return _decoder.Hypothesis();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsDecoder) _decoder.Dispose();
    }
}
