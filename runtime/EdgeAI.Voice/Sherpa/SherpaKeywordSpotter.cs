using EdgeAI.Inference.Models;
using EdgeAI.Voice.Sherpa.Interop;
using EdgeAI.Voice.Wake;

namespace EdgeAI.Voice.Sherpa;

/// <summary>
/// A wake phrase through sherpa-onnx keyword spotting, the keyword given as text: with the folder's bpe.vocab the phrase
/// is encoded by sherpa-onnx itself (English BPE models); without it, the phrase must already be the model's tokens
/// separated by spaces (e.g. pinyin or characters, as sherpa's keywords.txt writes them).
/// </summary>
public sealed unsafe class SherpaKeywordSpotter : IWakeDetector
{
    private readonly SafeSherpaHandle _spotter;
    private readonly SafeSherpaHandle _stream;

    /// <summary>sherpa-onnx's keywords_threshold unless another is given.</summary>
    public const float DefaultThreshold = 0.25f;

    /// <summary>Loads the folder's keyword-spotting model.</summary>
    /// <param name="folder">The model folder (<see cref="SherpaModelFolder.ForKeywordSpotter"/>).</param>
    /// <param name="phrase">The wake phrase.</param>
    /// <param name="threshold">sherpa's keywords_threshold: lower wakes more often.</param>
    /// <param name="score">sherpa's keywords_score: the boost each keyword token gets.</param>
    /// <param name="cache">Where the library is (null: the default model cache).</param>
    /// <exception cref="SherpaModelFolderException">the folder is not a keyword-spotting model, or sherpa-onnx refused it.</exception>
    public SherpaKeywordSpotter(string folder, string phrase, float threshold = DefaultThreshold, float score = 1.0f, ModelCache? cache = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phrase);
        Folder = SherpaModelFolder.ForKeywordSpotter(folder);
        SherpaLibrary.Load(cache);
        Phrase = phrase.Trim().ToLowerInvariant();
        using var arena = new Utf8Arena();
        string keywords = Folder.File("bpe") is null ? phrase.Trim() : phrase.Trim().ToUpperInvariant();
        var config = new SherpaOnnxKeywordSpotterConfig
        {
            feat_config = new SherpaOnnxFeatureConfig { sample_rate = 16000, feature_dim = 80 },
            max_active_paths = 4,
            num_trailing_blanks = 1,
            keywords_score = score,
            keywords_threshold = threshold,
            keywords_buf = arena.Add(keywords),
            keywords_buf_size = System.Text.Encoding.UTF8.GetByteCount(keywords),
        };
        config.model_config.transducer = new SherpaOnnxOnlineTransducerModelConfig
        {
            encoder = arena.Add(Folder.File("encoder")), decoder = arena.Add(Folder.File("decoder")), joiner = arena.Add(Folder.File("joiner")),
        };
        config.model_config.tokens = arena.Add(Folder.File("tokens"));
        config.model_config.num_threads = 1;
        config.model_config.provider = arena.Add("cpu");
        if (Folder.File("bpe") is { } bpe)
        {
            config.model_config.modeling_unit = arena.Add("bpe");
            config.model_config.bpe_vocab = arena.Add(bpe);
        }
        _spotter = SafeSherpaHandle.Own(SherpaOnnxApi.SherpaOnnxCreateKeywordSpotter(&config), SherpaOnnxApi.SherpaOnnxDestroyKeywordSpotter)
            ?? throw new SherpaModelFolderException(Folder.Path, $"sherpa-onnx refused the keyword model or the keyword '{phrase}' (see its message above); {SherpaModelFolder.KeywordLayouts}");
        _stream = SafeSherpaHandle.Own(SherpaOnnxApi.SherpaOnnxCreateKeywordStream(_spotter), SherpaOnnxApi.SherpaOnnxDestroyOnlineStream, _spotter)
            ?? throw new InvalidOperationException($"{Folder.Path}: sherpa-onnx could not create a keyword stream");
    }

    /// <summary>The model folder.</summary>
    public SherpaModelFolder Folder { get; }

    /// <inheritdoc/>
    public string Phrase { get; }

    /// <inheritdoc/>
    public bool Accept(ReadOnlySpan<float> samples)
    {
        fixed (float* p = samples) SherpaOnnxApi.SherpaOnnxOnlineStreamAcceptWaveform(_stream, 16000, p, samples.Length);
        bool heard = false;
        while (SherpaOnnxApi.SherpaOnnxIsKeywordStreamReady(_spotter, _stream) != 0)
        {
            SherpaOnnxApi.SherpaOnnxDecodeKeywordStream(_spotter, _stream);
            var result = SherpaOnnxApi.SherpaOnnxGetKeywordResult(_spotter, _stream);
            if (result != null)
            {
                if (result->keyword != 0 && *(byte*)result->keyword != 0)
                {
                    heard = true;
                    SherpaOnnxApi.SherpaOnnxResetKeywordStream(_spotter, _stream);
                }
                SherpaOnnxApi.SherpaOnnxDestroyKeywordResult(result);
            }
        }
        return heard;
    }

    /// <inheritdoc/>
    public void Reset() => SherpaOnnxApi.SherpaOnnxResetKeywordStream(_spotter, _stream);

    /// <inheritdoc/>
    public void Dispose()
    {
        _stream.Dispose();
        _spotter.Dispose();
    }
}
