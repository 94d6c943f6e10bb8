using EdgeAI.Inference.Models;
using EdgeAI.Voice.Sherpa.Interop;

namespace EdgeAI.Voice.Sherpa;

/// <summary>
/// sherpa-onnx's Silero VAD (<c>SherpaOnnxCreateVoiceActivityDetector</c>) on the Silero v5 model already in the model
/// cache (<c>silero-vad</c>): needs no model beyond what EdgeAI fetches. A peer to <see cref="EdgeAI.Voice.Vad.VoiceActivityDetector"/>,
/// running on sherpa's own ONNX Runtime in the same process.
/// </summary>
public sealed unsafe class SherpaVoiceActivityDetector : IDisposable
{
    private readonly SafeSherpaHandle _vad;
    private readonly List<EdgeAI.Voice.Vad.SpeechSegment> _segments = [];

    /// <summary>Creates the detector.</summary>
    /// <param name="cache">The model cache (null: the default) holding silero-vad and the library.</param>
    /// <param name="threshold">Speech probability threshold.</param>
    /// <param name="minSilenceSeconds">Silence that ends a segment.</param>
    /// <param name="minSpeechSeconds">Shortest segment kept.</param>
    /// <exception cref="ModelNotAvailableException">the library or silero-vad is not in the cache.</exception>
    public SherpaVoiceActivityDetector(ModelCache? cache = null, float threshold = 0.5f, float minSilenceSeconds = 0.32f, float minSpeechSeconds = 0.064f)
    {
        cache ??= new ModelCache();
        SherpaLibrary.Load(cache);
        string model = cache.GetPath("silero-vad");
        using var arena = new Utf8Arena();
        var config = new SherpaOnnxVadModelConfig
        {
            silero_vad = new SherpaOnnxSileroVadModelConfig
            {
                model = arena.Add(model),
                threshold = threshold,
                min_silence_duration = minSilenceSeconds,
                min_speech_duration = minSpeechSeconds,
                window_size = 512,
                max_speech_duration = 30,
            },
            sample_rate = 16000,
            num_threads = 1,
            provider = arena.Add("cpu"),
        };
        _vad = SafeSherpaHandle.Own(SherpaOnnxApi.SherpaOnnxCreateVoiceActivityDetector(&config, 60), SherpaOnnxApi.SherpaOnnxDestroyVoiceActivityDetector)
            ?? throw new InvalidOperationException($"{model}: sherpa-onnx could not create its Silero VAD");
    }

    /// <summary>Feeds 16 kHz mono samples; finished segments are collected in <see cref="Segments"/>.</summary>
    public void Accept(ReadOnlySpan<float> samples)
    {
        fixed (float* p = samples) SherpaOnnxApi.SherpaOnnxVoiceActivityDetectorAcceptWaveform(_vad, p, samples.Length);
        Drain();
    }

    /// <summary>Ends the input: a segment still open is closed.</summary>
    public void Flush()
    {
        SherpaOnnxApi.SherpaOnnxVoiceActivityDetectorFlush(_vad);
        Drain();
    }

    /// <summary>True while sherpa's detector is inside speech.</summary>
    public bool InSpeech => SherpaOnnxApi.SherpaOnnxVoiceActivityDetectorDetected(_vad) != 0;

    /// <summary>The segments found so far, on the input's timeline (sample 0 = time 0).</summary>
    public IReadOnlyList<EdgeAI.Voice.Vad.SpeechSegment> Segments => _segments;

    private void Drain()
    {
        while (SherpaOnnxApi.SherpaOnnxVoiceActivityDetectorEmpty(_vad) == 0)
        {
            var segment = SherpaOnnxApi.SherpaOnnxVoiceActivityDetectorFront(_vad);
            if (segment != null)
            {
                _segments.Add(new EdgeAI.Voice.Vad.SpeechSegment(TimeSpan.FromSeconds(segment->start / 16000.0), TimeSpan.FromSeconds((segment->start + segment->n) / 16000.0)));
                SherpaOnnxApi.SherpaOnnxDestroySpeechSegment(segment);
            }
            SherpaOnnxApi.SherpaOnnxVoiceActivityDetectorPop(_vad);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _vad.Dispose();
}
