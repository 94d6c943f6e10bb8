using System.Runtime.InteropServices;
using EdgeAI.Audio;
using EdgeAI.Voice.Pocketsphinx.Interop;

namespace EdgeAI.Voice.Pocketsphinx;

/// <summary>
/// A pocketsphinx 0.8 decoder (<c>ps_decoder_t</c>) over an acoustic model and dictionary, with named searches: JSGF
/// grammars (<see cref="SetJsgfGrammar"/>), keyword spotting (<see cref="SetKeyphrase"/>, <see cref="SetKeywordList"/>)
/// and n-gram dictation (<see cref="SetLanguageModelFile"/>); <see cref="ActiveSearch"/> switches between them between
/// utterances. Audio is 16 kHz mono: <see cref="Process(ReadOnlySpan{float})"/> converts floats into a reusable 16-bit
/// buffer, so feeding allocates nothing per chunk once the buffer has grown to the chunk size. Not thread-safe: one
/// thread feeds a decoder. Errors are <see cref="PocketsphinxException"/>s with pocketsphinx's own one-line message.
/// </summary>
public sealed class PocketsphinxDecoder : IDisposable
{
    /// <summary>The Debian packages that hold the libraries and the US English model.</summary>
    public const string DebianPackages = "libpocketsphinx3 pocketsphinx-en-us";

    private readonly SafeConfigHandle _config;
    private readonly SafeDecoderHandle _decoder;
    private readonly nint _logmath;
    private short[] _pcm = new short[512];
    private bool _inUtterance;

    private PocketsphinxDecoder(SafeConfigHandle config, SafeDecoderHandle decoder, PocketsphinxModel model)
    {
        _config = config;
        _decoder = decoder;
        _logmath = LibPocketsphinx.ps_get_logmath(decoder);
        Model = model;
    }

    /// <summary>The model the decoder was opened with.</summary>
    public PocketsphinxModel Model { get; }

    /// <summary>
    /// Opens a decoder on <paramref name="model"/> with no search yet. <paramref name="arguments"/> are further
    /// pocketsphinx options without their dash (<c>("beam", "1e-60")</c>); <c>hmm</c> and <c>dict</c> are set here, and <c>logfn</c> must not be (the binding owns the log).
    /// </summary>
    /// <exception cref="PocketsphinxException">the library is not installed (names the Debian packages), a model file is missing, or pocketsphinx refused the model.</exception>
    public static PocketsphinxDecoder Open(PocketsphinxModel model, IEnumerable<KeyValuePair<string, string>>? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Require();
        var args = new List<string> { "-hmm", model.AcousticModel, "-dict", model.Dictionary };
        foreach (var (name, value) in arguments ?? [])
        {
            args.Add("-" + name);
            args.Add(value);
        }
        try
        {
            // no -logfn: ps_init would reopen the process's log under a decoder another thread may be running
            using var log = PocketsphinxLog.Capture();
            var config = Parse(args, log);
            nint decoder = LibPocketsphinx.ps_init(config);
            if (decoder == 0)
            {
                config.Dispose();
                log.Fail($"{model.AcousticModel}: pocketsphinx could not load the model", "ps_init failed");
            }
            return new PocketsphinxDecoder(config, new SafeDecoderHandle(decoder), model);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw LibraryMissing(e);
        }
    }

    /// <summary>The one-line error for a missing or foreign libpocketsphinx.so.3 / libsphinxbase.so.3.</summary>
    internal static PocketsphinxException LibraryMissing(Exception e) => new(
        $"{LibPocketsphinx.Lib} or {LibPocketsphinx.SphinxBase} (pocketsphinx 0.8) could not be loaded; install the Debian packages {DebianPackages}", e);

    private static unsafe SafeConfigHandle Parse(List<string> args, PocketsphinxLog log)
    {
        var argv = new nint[args.Count];
        try
        {
            for (int i = 0; i < args.Count; i++) argv[i] = Marshal.StringToCoTaskMemUTF8(args[i]);
            fixed (nint* p = argv)
            {
                // cmd_ln_init is variadic; cmd_ln_parse_r takes the same options as an argv array (strings are copied).
                nint config = LibPocketsphinx.cmd_ln_parse_r(0, LibPocketsphinx.ps_args(), argv.Length, p, 0);
                if (config == 0) log.Fail("pocketsphinx refused its options " + string.Join(' ', args), "cmd_ln_parse_r failed");
                return new SafeConfigHandle(config);
            }
        }
        finally
        {
            foreach (nint s in argv) Marshal.FreeCoTaskMem(s);
        }
    }

    /// <summary>The name of the search in use (null before one was set).</summary>
    public unsafe string? ActiveSearch
    {
        get => Marshal.PtrToStringUTF8((nint)LibPocketsphinx.ps_get_search(_decoder));
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            RequireIdle("switch searches");
            using var log = PocketsphinxLog.Capture();
            log.Check(LibPocketsphinx.ps_set_search(_decoder, value), $"search '{value}'");
        }
    }

    /// <summary>True when the dictionary has <paramref name="word"/>.</summary>
    public unsafe bool HasWord(string word)
    {
        byte* phones = LibPocketsphinx.ps_lookup_word(_decoder, word);
        if (phones == null) return false;
        LibPocketsphinx.free(phones);
        return true;
    }

    /// <summary>The dictionary's phones for <paramref name="word"/> (space separated ARPAbet), or null.</summary>
    public unsafe string? Pronunciation(string word)
    {
        byte* phones = LibPocketsphinx.ps_lookup_word(_decoder, word);
        if (phones == null) return null;
        try
        {
            return Marshal.PtrToStringUTF8((nint)phones);
        }
        finally
        {
            LibPocketsphinx.free(phones);
        }
    }

    /// <summary>Adds <paramref name="word"/> with <paramref name="phones"/> (space-separated phones of the acoustic model) to the dictionary; searches set afterwards can use it.</summary>
    /// <exception cref="PocketsphinxException">a phone is not in the model, or the word is there already.</exception>
    public void AddWord(string word, string phones)
    {
        RequireIdle("add words");
        using var log = PocketsphinxLog.Capture();
        // update=1 rebuilds the active search's structures; a later ps_set_* picks the word up either way.
        log.Check(LibPocketsphinx.ps_add_word(_decoder, word, phones, 1), $"word '{word}' /{phones}/");
    }

    /// <summary>Adds <paramref name="name"/>, a search over the JSGF grammar <paramref name="jsgf"/> (its first public rule).</summary>
    /// <exception cref="PocketsphinxException">the grammar does not parse, or uses a word the dictionary lacks.</exception>
    public void SetJsgfGrammar(string name, string jsgf)
    {
        RequireIdle("set a grammar");
        using var log = PocketsphinxLog.Capture();
        log.Check(LibPocketsphinx.ps_set_jsgf_string(_decoder, name, jsgf), $"grammar '{name}'");
    }

    /// <summary>Adds <paramref name="name"/>, a search over the JSGF grammar in <paramref name="path"/>.</summary>
    /// <exception cref="PocketsphinxException">the file is missing or the grammar is refused.</exception>
    public void SetJsgfFile(string name, string path)
    {
        RequireIdle("set a grammar");
        if (!File.Exists(path)) throw new PocketsphinxException($"{path}: no such grammar file");
        using var log = PocketsphinxLog.Capture();
        log.Check(LibPocketsphinx.ps_set_jsgf_file(_decoder, name, path), $"{path}: grammar");
    }

    /// <summary>
    /// Adds <paramref name="name"/>, a keyword-spotting search for one <paramref name="phrase"/> at detection
    /// <paramref name="threshold"/> (pocketsphinx's <c>-kws_threshold</c>: smaller, e.g. 1e-40, wakes more readily
    /// and false-alarms more; 1e-20 is stricter). The hypothesis is the phrase whenever it was spotted.
    /// </summary>
    public void SetKeyphrase(string name, string phrase, double threshold)
    {
        RequireIdle("set a keyphrase");
        using var log = PocketsphinxLog.Capture();
        // The search reads its threshold from the configuration when it is built.
        LibPocketsphinx.cmd_ln_set_float_r(_config, "-kws_threshold", threshold);
        log.Check(LibPocketsphinx.ps_set_keyphrase(_decoder, name, phrase), $"keyphrase '{phrase}'");
    }

    /// <summary>Adds <paramref name="name"/>, a keyword-spotting search over a keyword file: one phrase a line, each optionally with its threshold (<c>hey edge /1e-30/</c>).</summary>
    public void SetKeywordList(string name, string path)
    {
        RequireIdle("set keywords");
        if (!File.Exists(path)) throw new PocketsphinxException($"{path}: no such keyword file");
        using var log = PocketsphinxLog.Capture();
        log.Check(LibPocketsphinx.ps_set_kws(_decoder, name, path), $"{path}: keyword list");
    }

    /// <summary>Adds <paramref name="name"/>, an n-gram search (dictation) over the language model in <paramref name="path"/>.</summary>
    public void SetLanguageModelFile(string name, string path)
    {
        RequireIdle("set a language model");
        if (!File.Exists(path)) throw new PocketsphinxException($"{path}: no such language model file");
        using var log = PocketsphinxLog.Capture();
        log.Check(LibPocketsphinx.ps_set_lm_file(_decoder, name, path), $"{path}: language model");
    }

    /// <summary>Starts an utterance in the active search.</summary>
    public void StartUtterance()
    {
        ObjectDisposedException.ThrowIf(_decoder.IsClosed, this);
        if (_inUtterance) EndUtterance();
        PocketsphinxLog.Trim();
        if (LibPocketsphinx.ps_start_utt(_decoder) < 0) ThrowNoSearch();
        _inUtterance = true;
    }

    /// <summary>Feeds 16-bit samples of the utterance.</summary>
    public unsafe void Process(ReadOnlySpan<short> samples)
    {
        if (!_inUtterance) ThrowNotStarted();
        if (samples.IsEmpty) return;
        fixed (short* p = samples)
            if (LibPocketsphinx.ps_process_raw(_decoder, p, (nuint)samples.Length, 0, 0) < 0) ThrowProcess();
    }

    /// <summary>Feeds float samples in [-1, 1] (clipped), converted into a reusable 16-bit buffer
    /// (<see cref="Pcm16"/>: a 16-bit file reaches pocketsphinx with exactly its own samples).</summary>
    public void Process(ReadOnlySpan<float> samples)
    {
        if (samples.Length > _pcm.Length) _pcm = new short[Math.Max(samples.Length, _pcm.Length * 2)];
        var pcm = _pcm.AsSpan(0, samples.Length);
        Pcm16.FromFloat(samples, pcm);
        Process(pcm);
    }

    /// <summary>Ends the utterance: the search finishes and <see cref="Hypothesis"/> gives its final result.</summary>
    public void EndUtterance()
    {
        if (!_inUtterance) return;
        _inUtterance = false;
        if (LibPocketsphinx.ps_end_utt(_decoder) < 0) ThrowProcess();
    }

    /// <summary>True while pocketsphinx's own voice detector hears speech in the utterance.</summary>
    public bool InSpeech => LibPocketsphinx.ps_get_in_speech(_decoder) != 0;

    /// <summary>Frames (10 ms each) decoded in the current or last utterance.</summary>
    public int Frames => LibPocketsphinx.ps_get_n_frames(_decoder);

    /// <summary>
    /// True when the search has a hypothesis now, without building its text (keyword spotting asks this per chunk:
    /// no allocation).
    /// </summary>
    public unsafe bool HasHypothesis()
    {
        byte* text = LibPocketsphinx.ps_get_hyp(_decoder, out _);
        return text != null && *text != 0;
    }

    /// <summary>The best hypothesis' words only: during an utterance, the partial result so far (no posterior, which
    /// would build the lattice).</summary>
    public unsafe string HypothesisText()
    {
        byte* text = LibPocketsphinx.ps_get_hyp(_decoder, out _);
        return text == null ? string.Empty : Marshal.PtrToStringUTF8((nint)text)!;
    }

    /// <summary>The best hypothesis so far (during an utterance) or the final one (after it), with its score and
    /// posterior probability.</summary>
    public unsafe DecoderHypothesis Hypothesis()
    {
        byte* text = LibPocketsphinx.ps_get_hyp(_decoder, out int score);
        if (text == null || *text == 0) return new DecoderHypothesis(string.Empty, score, 0);
        string words = Marshal.PtrToStringUTF8((nint)text)!;
        double posterior = _logmath == 0 ? 0 : LibPocketsphinx.logmath_exp(_logmath, LibPocketsphinx.ps_get_prob(_decoder));
        return new DecoderHypothesis(words, score, Math.Clamp(posterior, 0, 1));
    }

    /// <summary>Frees the decoder and its configuration.</summary>
    public void Dispose()
    {
        _decoder.Dispose();
        _config.Dispose();
    }

    private void RequireIdle(string action)
    {
        ObjectDisposedException.ThrowIf(_decoder.IsClosed, this);
        if (_inUtterance) throw new InvalidOperationException($"cannot {action} during an utterance; call EndUtterance first");
    }

    private void ThrowNoSearch() => throw new PocketsphinxException(
        ActiveSearch is null ? "no search to decode with: set a grammar, keyphrase or language model first" : $"search '{ActiveSearch}' could not start an utterance");

    private static void ThrowNotStarted() => throw new InvalidOperationException("no utterance: call StartUtterance first");

    private static void ThrowProcess() => throw new PocketsphinxException("pocketsphinx failed to process the audio");
}
