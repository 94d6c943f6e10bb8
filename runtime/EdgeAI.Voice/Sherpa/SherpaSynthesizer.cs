using System.Runtime.CompilerServices;
using EdgeAI.Inference.Models;
using EdgeAI.Voice.Sherpa.Interop;
using EdgeAI.Voice.Speech;

namespace EdgeAI.Voice.Sherpa;

/// <summary>
/// Speech from a user-supplied piper (VITS) or kokoro voice through sherpa-onnx. Each sentence is synthesized on the
/// thread pool and yielded as it is ready, so playback starts after the first sentence and cancelling stops between
/// sentences.
/// </summary>
public sealed unsafe class SherpaSynthesizer : ISpeechSynthesizer
{
    private readonly SafeSherpaHandle _tts;
    private readonly Lock _gate = new();

    /// <summary>Loads the voice.</summary>
    /// <param name="folder">The voice folder (<see cref="SherpaModelFolder.ForVoice"/>).</param>
    /// <param name="speaker">Speaker id for multi-speaker voices.</param>
    /// <param name="speed">Speech rate, 1 = the voice's own.</param>
    /// <param name="cache">Where the library is (null: the default model cache).</param>
    /// <exception cref="SherpaModelFolderException">the folder is not a voice, or sherpa-onnx refused it.</exception>
    public SherpaSynthesizer(string folder, int speaker = 0, float speed = 1, ModelCache? cache = null)
    {
        Folder = SherpaModelFolder.ForVoice(folder);
        SherpaLibrary.Load(cache);
        Speaker = speaker;
        Speed = speed;
        using var arena = new Utf8Arena();
        var config = new SherpaOnnxOfflineTtsConfig { max_num_sentences = 1, silence_scale = 0.2f };
        ref var m = ref config.model;
        m.num_threads = 2;
        m.provider = arena.Add("cpu");
        nint model = arena.Add(Folder.File("model")), tokens = arena.Add(Folder.File("tokens")), data = arena.Add(EspeakDataFolder(Folder.File("data"))), lexicon = arena.Add(Folder.File("lexicon"));
        if (Folder.Kind == SherpaModelKind.Kokoro)
            m.kokoro = new SherpaOnnxOfflineTtsKokoroModelConfig { model = model, voices = arena.Add(Folder.File("voices")), tokens = tokens, data_dir = data, lexicon = lexicon, length_scale = 1 };
        else
            m.vits = new SherpaOnnxOfflineTtsVitsModelConfig { model = model, tokens = tokens, data_dir = data, lexicon = lexicon, noise_scale = 0.667f, noise_scale_w = 0.8f, length_scale = 1 };
        _tts = SafeSherpaHandle.Own(SherpaOnnxApi.SherpaOnnxCreateOfflineTts(&config), SherpaOnnxApi.SherpaOnnxDestroyOfflineTts)
            ?? throw new SherpaModelFolderException(Folder.Path, $"sherpa-onnx refused the {Folder.Kind} voice (see its message above); {SherpaModelFolder.VoiceLayouts}");
        SampleRate = SherpaOnnxApi.SherpaOnnxOfflineTtsSampleRate(_tts);
        Voice = $"sherpa:{folder}";
    }

    /// <summary>
    /// The espeak-ng data folder to hand to sherpa-onnx, with links resolved. sherpa-onnx sets espeak-ng up once per
    /// process, with the first voice's folder, and reads it again later (voices, dictionaries); a voice folder whose
    /// espeak-ng-data is a link, deleted later, must not leave espeak-ng reading through a path that is gone.
    /// </summary>
    internal static string? EspeakDataFolder(string? data)
    {
        if (data is null) return null;
        var target = new DirectoryInfo(data).ResolveLinkTarget(returnFinalTarget: true);
        return target is { Exists: true } ? target.FullName : data;
    }

    /// <summary>The voice folder.</summary>
    public SherpaModelFolder Folder { get; }
    /// <summary>Speaker id.</summary>
    public int Speaker { get; }
    /// <summary>Speech rate.</summary>
    public float Speed { get; }

    /// <inheritdoc/>
    public string Voice { get; }

    /// <inheritdoc/>
    public int SampleRate { get; }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ReadOnlyMemory<float>> SynthesizeAsync(string text, string language, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var sentence in Sentences(text))
        {
            cancellation.ThrowIfCancellationRequested();
            var samples = await Task.Run(() => Generate(sentence), cancellation).ConfigureAwait(false);
            if (samples.Length > 0) yield return samples;
        }
    }

    /// <summary>The text cut after . ! ? and their CJK forms, each piece trimmed, empty ones dropped.</summary>
    internal static IEnumerable<string> Sentences(string text)
    {
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is '.' or '!' or '?' or '。' or '！' or '？' or '\n')
            {
                string s = text[start..(i + 1)].Trim();
                if (s.Length > 0) yield return s;
                start = i + 1;
            }
        }
        string rest = text[start..].Trim();
        if (rest.Length > 0) yield return rest;
    }

    private float[] Generate(string sentence)
    {
        lock (_gate)
        {
            int n = System.Text.Encoding.UTF8.GetByteCount(sentence);
            var utf8 = new byte[n + 1];
            System.Text.Encoding.UTF8.GetBytes(sentence, utf8);
            fixed (byte* p = utf8)
            {
                var audio = SherpaOnnxApi.SherpaOnnxOfflineTtsGenerate(_tts, p, Speaker, Speed);
                if (audio == null) return [];
                try
                {
                    return new ReadOnlySpan<float>((void*)audio->samples, audio->n).ToArray();
                }
                finally
                {
                    SherpaOnnxApi.SherpaOnnxDestroyOfflineTtsGeneratedAudio(audio);
                }
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate) _tts.Dispose();
    }
}
