namespace EdgeAI.Voice.Sherpa;

/// <summary>
/// A user-supplied sherpa-onnx model folder, its kind told from the files in it. Every .onnx file it names is checked
/// to be a well-formed ONNX model first (sherpa-onnx aborts the process on one that is not). Where a folder has both a
/// model and its <c>.int8.onnx</c> quantisation, the int8 one is taken.
/// </summary>
public sealed class SherpaModelFolder
{
    /// <summary>What a recognizer folder may hold.</summary>
    public const string RecognizerLayouts = "expected tokens.txt with encoder/decoder/joiner .onnx (zipformer transducer), model.onnx (paraformer or SenseVoice), "
        + "*encoder.onnx + *decoder.onnx (whisper) or preprocess/encode/uncached_decode/cached_decode .onnx (moonshine)";
    /// <summary>What a keyword-spotting folder may hold.</summary>
    public const string KeywordLayouts = "expected a streaming transducer: encoder, decoder and joiner .onnx with tokens.txt (and bpe.vocab for English keywords as text)";
    /// <summary>What a voice folder may hold.</summary>
    public const string VoiceLayouts = "expected a piper/VITS voice (one .onnx, tokens.txt, espeak-ng-data/) or kokoro (model.onnx, voices.bin, tokens.txt, espeak-ng-data/)";

    private SherpaModelFolder(string path, SherpaModelKind kind, IReadOnlyDictionary<string, string> files)
    {
        Path = path;
        Kind = kind;
        Files = files;
    }

    /// <summary>The folder, full path.</summary>
    public string Path { get; }
    /// <summary>What it holds.</summary>
    public SherpaModelKind Kind { get; }
    /// <summary>Role (<c>encoder</c>, <c>decoder</c>, <c>joiner</c>, <c>model</c>, <c>tokens</c>, <c>voices</c>, <c>data</c>, <c>bpe</c>, ...) to full path.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>The file for <paramref name="role"/>, or null.</summary>
    public string? File(string role) => Files.TryGetValue(role, out var f) ? f : null;

    /// <summary>A speech recognizer folder (streaming or offline transducer, paraformer, SenseVoice, whisper, moonshine).</summary>
    /// <exception cref="SherpaModelFolderException">anything else, in one line naming the folder and what was expected.</exception>
    public static SherpaModelFolder ForRecognizer(string folder)
    {
        var (path, onnx) = List(folder, RecognizerLayouts);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        string? tokens = Tokens(path);
        string? encoder = Pick(onnx, "encoder"), decoder = Pick(onnx, "decoder"), joiner = Pick(onnx, "joiner");
        SherpaModelKind kind;
        if (Pick(onnx, "preprocess") is { } pre && Pick(onnx, "encode") is { } enc && Pick(onnx, "uncached_decode") is { } un && Pick(onnx, "cached_decode", exclude: "uncached") is { } ca)
        {
            kind = SherpaModelKind.Moonshine;
            files["preprocessor"] = pre; files["encoder"] = enc; files["uncached_decoder"] = un; files["cached_decoder"] = ca;
        }
        else if (encoder is not null && decoder is not null && joiner is not null)
        {
            files["encoder"] = encoder; files["decoder"] = decoder; files["joiner"] = joiner;
            var meta = Check(folder, encoder);
            kind = meta.ContainsKey("decode_chunk_len") || meta.ContainsKey("chunk_size") || meta.ContainsKey("T")
                || System.IO.Path.GetFileName(path).Contains("streaming", StringComparison.OrdinalIgnoreCase)
                ? SherpaModelKind.StreamingTransducer : SherpaModelKind.OfflineTransducer;
        }
        else if (encoder is not null && decoder is not null)
        {
            kind = SherpaModelKind.Whisper;
            files["encoder"] = encoder; files["decoder"] = decoder;
        }
        else if (Pick(onnx, "model") is { } model)
        {
            files["model"] = model;
            var meta = Check(folder, model);
            if (meta.ContainsKey("with_itn") || meta.ContainsKey("lang_auto")) kind = SherpaModelKind.SenseVoice;
            else if (meta.ContainsKey("lfr_window_size") || meta.ContainsKey("neg_mean")) kind = SherpaModelKind.Paraformer;
            else throw new SherpaModelFolderException(folder,
                $"{System.IO.Path.GetFileName(model)} has neither SenseVoice's metadata (with_itn) nor paraformer's (lfr_window_size); {RecognizerLayouts}");
        }
        else throw new SherpaModelFolderException(folder, $"unknown layout ({Describe(path)}); {RecognizerLayouts}");
        files["tokens"] = tokens ?? throw new SherpaModelFolderException(folder, $"no tokens.txt; {RecognizerLayouts}");
        foreach (var f in files.Values) if (f.EndsWith(".onnx", StringComparison.Ordinal)) Check(folder, f);
        return new SherpaModelFolder(path, kind, files);
    }

    /// <summary>A keyword-spotting folder: a streaming transducer with tokens.txt (bpe.vocab optional).</summary>
    /// <exception cref="SherpaModelFolderException">anything else, in one line.</exception>
    public static SherpaModelFolder ForKeywordSpotter(string folder)
    {
        var (path, onnx) = List(folder, KeywordLayouts);
        string? encoder = Pick(onnx, "encoder"), decoder = Pick(onnx, "decoder"), joiner = Pick(onnx, "joiner");
        if (encoder is null || decoder is null || joiner is null)
            throw new SherpaModelFolderException(folder, $"unknown layout ({Describe(path)}); {KeywordLayouts}");
        var files = new Dictionary<string, string>(StringComparer.Ordinal) { ["encoder"] = encoder, ["decoder"] = decoder, ["joiner"] = joiner };
        files["tokens"] = Tokens(path) ?? throw new SherpaModelFolderException(folder, $"no tokens.txt; {KeywordLayouts}");
        if (System.IO.File.Exists(System.IO.Path.Combine(path, "bpe.vocab"))) files["bpe"] = System.IO.Path.Combine(path, "bpe.vocab");
        foreach (var f in new[] { encoder, decoder, joiner }) Check(folder, f);
        return new SherpaModelFolder(path, SherpaModelKind.StreamingTransducer, files);
    }

    /// <summary>A voice folder: piper/VITS or kokoro.</summary>
    /// <exception cref="SherpaModelFolderException">anything else, in one line.</exception>
    public static SherpaModelFolder ForVoice(string folder)
    {
        var (path, onnx) = List(folder, VoiceLayouts);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        string data = System.IO.Path.Combine(path, "espeak-ng-data"), voices = System.IO.Path.Combine(path, "voices.bin"), lexicon = System.IO.Path.Combine(path, "lexicon.txt");
        if (System.IO.Directory.Exists(data)) files["data"] = data;
        if (System.IO.File.Exists(lexicon)) files["lexicon"] = lexicon;
        SherpaModelKind kind;
        if (onnx.Count == 0) throw new SherpaModelFolderException(folder, $"unknown layout ({Describe(path)}); {VoiceLayouts}");
        string model = Pick(onnx, "model") ?? (onnx.Count == 1 ? onnx[0]
            : throw new SherpaModelFolderException(folder, $"{onnx.Count} .onnx files and none named model.onnx; {VoiceLayouts}"));
        files["model"] = model;
        if (System.IO.File.Exists(voices)) { kind = SherpaModelKind.Kokoro; files["voices"] = voices; }
        else kind = SherpaModelKind.Vits;
        files["tokens"] = Tokens(path) ?? throw new SherpaModelFolderException(folder, $"no tokens.txt; {VoiceLayouts}");
        if (!files.ContainsKey("data") && !files.ContainsKey("lexicon"))
            throw new SherpaModelFolderException(folder, $"no espeak-ng-data/ or lexicon.txt; {VoiceLayouts}");
        Check(folder, model);
        return new SherpaModelFolder(path, kind, files);
    }

    private static (string Path, List<string> Onnx) List(string folder, string expected)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string path = System.IO.Path.GetFullPath(folder);
        if (System.IO.File.Exists(path)) throw new SherpaModelFolderException(folder, $"is a file, not a model folder; {expected}");
        if (!System.IO.Directory.Exists(path)) throw new SherpaModelFolderException(folder, $"no such folder; {expected}");
        var onnx = System.IO.Directory.EnumerateFiles(path, "*.onnx").Order(StringComparer.Ordinal).ToList();
        if (onnx.Count == 0 && !System.IO.Directory.EnumerateFileSystemEntries(path).Any())
            throw new SherpaModelFolderException(folder, $"the folder is empty; {expected}");
        return (path, onnx);
    }

    /// <summary>The .onnx whose name contains <paramref name="role"/>, the int8 one when both exist.</summary>
    private static string? Pick(List<string> onnx, string role, string? exclude = null)
    {
        string? plain = null, int8 = null;
        foreach (var f in onnx)
        {
            string name = System.IO.Path.GetFileName(f);
            if (!name.Contains(role, StringComparison.OrdinalIgnoreCase)) continue;
            if (exclude is not null && name.Contains(exclude, StringComparison.OrdinalIgnoreCase)) continue;
            // "encoder" must not pick "encode.onnx" of moonshine and vice versa: whole-word roles only.
            if (role == "encode" && name.Contains("encoder", StringComparison.OrdinalIgnoreCase)) continue;
            if (role == "decoder" && name.Contains("decode.", StringComparison.OrdinalIgnoreCase)) continue;
            if (name.EndsWith(".int8.onnx", StringComparison.OrdinalIgnoreCase)) int8 ??= f; else plain ??= f;
        }
        return int8 ?? plain;
    }

    private static string? Tokens(string path)
    {
        string plain = System.IO.Path.Combine(path, "tokens.txt");
        if (System.IO.File.Exists(plain)) return plain;
        return System.IO.Directory.EnumerateFiles(path, "*tokens.txt").Order(StringComparer.Ordinal).FirstOrDefault();
    }

    private static Dictionary<string, string> Check(string folder, string onnx) =>
        OnnxModelFile.TryReadMetadata(onnx, out string why)
            ?? throw new SherpaModelFolderException(folder, $"{System.IO.Path.GetFileName(onnx)} is not a well-formed ONNX model ({why}); expected each .onnx to be a whole ONNX model file");

    private static string Describe(string path)
    {
        var names = System.IO.Directory.EnumerateFileSystemEntries(path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        return names.Count <= 6 ? "holds " + string.Join(", ", names) : $"holds {string.Join(", ", names.Take(6))} and {names.Count - 6} more";
    }
}
