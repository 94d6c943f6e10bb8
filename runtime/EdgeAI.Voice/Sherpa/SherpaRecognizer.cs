using EdgeAI.Inference.Models;
using EdgeAI.Voice.Recognition;
using EdgeAI.Voice.Sherpa.Interop;

namespace EdgeAI.Voice.Sherpa;

/// <summary>
/// sherpa-onnx speech recognition from a user-supplied model folder (<see cref="SherpaModelFolder.ForRecognizer"/>):
/// a streaming zipformer decodes as the samples arrive; offline models (transducer, paraformer, SenseVoice, whisper,
/// moonshine) collect the utterance and decode it at <see cref="End"/>. sherpa-onnx reports no confidence: a non-empty
/// transcript has confidence 1.
/// </summary>
public sealed unsafe class SherpaRecognizer : ISpeechRecognizer
{
    private const int SampleRate = 16000;
    private readonly SafeSherpaHandle _recognizer;
    private readonly bool _streaming;
    private SafeSherpaHandle? _stream;
    private float[] _pending = new float[SampleRate * 10];
    private int _count;

    /// <summary>Loads the folder's model.</summary>
    /// <param name="folder">The model folder.</param>
    /// <param name="threads">ONNX Runtime threads for sherpa.</param>
    /// <param name="language">Whisper and SenseVoice language (<c>en</c>, <c>zh</c>; empty: the model detects it).</param>
    /// <param name="cache">Where the library is (null: the default model cache).</param>
    /// <exception cref="SherpaModelFolderException">the folder is not a recognizer model (one line; the CLI's exit code 2).</exception>
    /// <exception cref="ModelNotAvailableException">the sherpa-onnx library is not fetched.</exception>
    public SherpaRecognizer(string folder, int threads = 2, string language = "", ModelCache? cache = null)
    {
        Folder = SherpaModelFolder.ForRecognizer(folder);
        SherpaLibrary.Load(cache);
        Engine = "sherpa:" + folder;
        using var arena = new Utf8Arena();
        var f = Folder;
        nint tokens = arena.Add(f.File("tokens")), cpu = arena.Add("cpu"), greedy = arena.Add("greedy_search");
        var feat = new SherpaOnnxFeatureConfig { sample_rate = SampleRate, feature_dim = 80 };
        nint handle;
        if (f.Kind == SherpaModelKind.StreamingTransducer)
        {
            _streaming = true;
            var config = new SherpaOnnxOnlineRecognizerConfig
            {
                feat_config = feat,
                decoding_method = greedy,
                max_active_paths = 4,
            };
            config.model_config.transducer = new SherpaOnnxOnlineTransducerModelConfig
            {
                encoder = arena.Add(f.File("encoder")), decoder = arena.Add(f.File("decoder")), joiner = arena.Add(f.File("joiner")),
            };
            config.model_config.tokens = tokens;
            config.model_config.num_threads = threads;
            config.model_config.provider = cpu;
            handle = SherpaOnnxApi.SherpaOnnxCreateOnlineRecognizer(&config);
            _recognizer = SafeSherpaHandle.Own(handle, SherpaOnnxApi.SherpaOnnxDestroyOnlineRecognizer) ?? throw Refused();
        }
        else
        {
            var config = new SherpaOnnxOfflineRecognizerConfig { feat_config = feat, decoding_method = greedy, max_active_paths = 4 };
            ref var m = ref config.model_config;
            m.tokens = tokens;
            m.num_threads = threads;
            m.provider = cpu;
            switch (f.Kind)
            {
                case SherpaModelKind.OfflineTransducer:
                    m.transducer = new SherpaOnnxOfflineTransducerModelConfig
                    {
                        encoder = arena.Add(f.File("encoder")), decoder = arena.Add(f.File("decoder")), joiner = arena.Add(f.File("joiner")),
                    };
                    break;
                case SherpaModelKind.Paraformer:
                    m.paraformer.model = arena.Add(f.File("model"));
                    break;
                case SherpaModelKind.SenseVoice:
                    m.sense_voice = new SherpaOnnxOfflineSenseVoiceModelConfig { model = arena.Add(f.File("model")), language = arena.Add(language), use_itn = 1 };
                    break;
                case SherpaModelKind.Whisper:
                    m.whisper = new SherpaOnnxOfflineWhisperModelConfig
                    {
                        encoder = arena.Add(f.File("encoder")), decoder = arena.Add(f.File("decoder")),
                        language = arena.Add(language), task = arena.Add("transcribe"), tail_paddings = -1,
                    };
                    break;
                case SherpaModelKind.Moonshine:
                    m.moonshine = new SherpaOnnxOfflineMoonshineModelConfig
                    {
                        preprocessor = arena.Add(f.File("preprocessor")), encoder = arena.Add(f.File("encoder")),
                        uncached_decoder = arena.Add(f.File("uncached_decoder")), cached_decoder = arena.Add(f.File("cached_decoder")),
                    };
                    break;
                default:
                    throw Refused();
            }
            handle = SherpaOnnxApi.SherpaOnnxCreateOfflineRecognizer(&config);
            _recognizer = SafeSherpaHandle.Own(handle, SherpaOnnxApi.SherpaOnnxDestroyOfflineRecognizer) ?? throw Refused();
        }
    }

    /// <summary>The model folder and its kind.</summary>
    public SherpaModelFolder Folder { get; }

    /// <inheritdoc/>
    public string Engine { get; }

    /// <inheritdoc/>
    public void Begin()
    {
        _stream?.Dispose();
        _stream = null;
        _count = 0;
        if (_streaming)
            _stream = SafeSherpaHandle.Own(SherpaOnnxApi.SherpaOnnxCreateOnlineStream(_recognizer), SherpaOnnxApi.SherpaOnnxDestroyOnlineStream, _recognizer)
                ?? throw new InvalidOperationException($"{Engine}: sherpa-onnx could not create a stream");
    }

    /// <inheritdoc/>
    public void Accept(ReadOnlySpan<float> samples)
    {
        if (_streaming)
        {
            if (_stream is null) Begin();
            fixed (float* p = samples) SherpaOnnxApi.SherpaOnnxOnlineStreamAcceptWaveform(_stream!, SampleRate, p, samples.Length);
            while (SherpaOnnxApi.SherpaOnnxIsOnlineStreamReady(_recognizer, _stream!) != 0) SherpaOnnxApi.SherpaOnnxDecodeOnlineStream(_recognizer, _stream!);
            return;
        }
        if (_count + samples.Length > _pending.Length) Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _count + samples.Length));
        samples.CopyTo(_pending.AsSpan(_count));
        _count += samples.Length;
    }

    /// <inheritdoc/>
    /// <remarks>A streaming model gives its result so far; an offline one decodes only at the end (empty).</remarks>
    public string Partial()
    {
        return _streaming && _stream is not null ? Normalize(OnlineText(_stream)) : string.Empty;
    }

    // The streaming result so far, as sherpa-onnx writes it.
    private string OnlineText(SafeSherpaHandle stream)
    {
        var result = SherpaOnnxApi.SherpaOnnxGetOnlineStreamResult(_recognizer, stream);
        if (result == null) return "";
        string text = SherpaOnnxApi.Text(result->text);
        SherpaOnnxApi.SherpaOnnxDestroyOnlineRecognizerResult(result);
        return text;
    }

    /// <inheritdoc/>
    public Transcript End()
    {
        string text;
        if (_streaming)
        {
            if (_stream is null) return Transcript.None;
            SherpaOnnxApi.SherpaOnnxOnlineStreamInputFinished(_stream);
            while (SherpaOnnxApi.SherpaOnnxIsOnlineStreamReady(_recognizer, _stream) != 0) SherpaOnnxApi.SherpaOnnxDecodeOnlineStream(_recognizer, _stream);
            text = OnlineText(_stream);
        }
        else
        {
            using var stream = SafeSherpaHandle.Own(SherpaOnnxApi.SherpaOnnxCreateOfflineStream(_recognizer), SherpaOnnxApi.SherpaOnnxDestroyOfflineStream, _recognizer)
                ?? throw new InvalidOperationException($"{Engine}: sherpa-onnx could not create a stream");
            fixed (float* p = _pending) SherpaOnnxApi.SherpaOnnxAcceptWaveformOffline(stream, SampleRate, p, _count);
            SherpaOnnxApi.SherpaOnnxDecodeOfflineStream(_recognizer, stream);
            var result = SherpaOnnxApi.SherpaOnnxGetOfflineStreamResult(stream);
            text = result == null ? "" : SherpaOnnxApi.Text(result->text);
            if (result != null) SherpaOnnxApi.SherpaOnnxDestroyOfflineRecognizerResult(result);
        }
        _stream?.Dispose();
        _stream = null;
        _count = 0;
        text = Normalize(text);
        return text.Length == 0 ? Transcript.None : new Transcript(text, 1);
    }

    /// <summary>Lower case, single spaces, trimmed (what <see cref="Transcript.Text"/> promises); SentencePiece's word
    /// marker U+2581 counts as a space.</summary>
    internal static string Normalize(string text) =>
        string.Join(' ', text.Replace('\u2581', ' ').ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private SherpaModelFolderException Refused() =>
        new(Folder.Path, $"sherpa-onnx refused the {Folder.Kind} model (see its message above); {SherpaModelFolder.RecognizerLayouts}");

    /// <inheritdoc/>
    public void Dispose()
    {
        _stream?.Dispose();
        _recognizer.Dispose();
    }
}
