using EdgeAI.Inference.Configuration;
using EdgeAI.Inference.Models;
using EdgeAI.Inference.Running;

namespace EdgeAI.Voice.Vad;

/// <summary>
/// Silero VAD v5 (manifest id <c>silero-vad</c>) on EdgeAI.Inference's <see cref="ModelRunner"/>: the speech
/// probability of each 512-sample chunk of 16 kHz audio. The model is recurrent: its <c>state</c> [2, 1, 128] is carried
/// from chunk to chunk, and, as Silero's own wrapper does, each run sees the last <see cref="ContextSamples"/> samples of
/// the previous chunk before the new 512 (input [1, 576]; the model's input length is symbolic). Inputs and outputs are
/// the runner's pinned, bound buffers, so <see cref="Process"/> allocates nothing.
/// </summary>
public sealed class SileroVad : IDisposable
{
    /// <summary>The manifest id.</summary>
    public const string ModelId = "silero-vad";
    /// <summary>The only rate the model is run at here.</summary>
    public const int SampleRate = 16000;
    /// <summary>Samples per chunk at 16 kHz (32 ms).</summary>
    public const int ChunkSamples = 512;
    /// <summary>Samples of the previous chunk prepended to each run (Silero v5 at 16 kHz).</summary>
    public const int ContextSamples = 64;

    private readonly int _input, _state, _output, _stateOut;
    private readonly int _stateLength;

    /// <summary>Uses a runner loaded with input [1, 576] (takes ownership); see <see cref="Load(ModelCache, InferenceOptions?)"/>.</summary>
    /// <exception cref="InvalidDataException">the runner's model does not have Silero v5's tensors.</exception>
    public SileroVad(ModelRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        Runner = runner;
        try
        {
            _input = Find(runner.Inputs, "input", [1, ContextSamples + ChunkSamples], typeof(float));
            _state = Find(runner.Inputs, "state", [2, 1, 128], typeof(float));
            int sr = Find(runner.Inputs, "sr", [], typeof(long));
            _output = Find(runner.Outputs, "output", [1, 1], typeof(float));
            _stateOut = Find(runner.Outputs, "stateN", [2, 1, 128], typeof(float));
            _stateLength = runner.Input(_state).Length;
            runner.Input<long>(sr)[0] = SampleRate;
        }
        catch
        {
            runner.Dispose();
            throw;
        }
        Reset();
    }

    /// <summary>Loads Silero v5 from <paramref name="cache"/> (verified against the manifest) on the first provider of
    /// <paramref name="options"/> that works (null: CPU).</summary>
    /// <exception cref="ModelNotAvailableException">the model is not in the cache or is corrupt (the message says what to run).</exception>
    /// <exception cref="InvalidDataException">the file is not Silero v5.</exception>
    public static SileroVad Load(ModelCache cache, InferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        string path = cache.GetPath(ModelId);
        var runner = RunnerOptions.FromManifest(cache.Manifest.Get(ModelId));
        runner.Shapes["input"] = [1, ContextSamples + ChunkSamples];
        runner.PrepareWarmUp = r => r.Input<long>(r.InputIndex("sr"))[0] = SampleRate;
        return new SileroVad(ModelRunner.Load(ModelId, path, options, runner));
    }

    /// <summary>The runner underneath (provider, tensors, latency histogram).</summary>
    public ModelRunner Runner { get; }

    /// <summary>
    /// The probability that <paramref name="chunk"/> (up to 512 samples at 16 kHz, in [-1, 1]; a shorter last chunk is
    /// padded with silence) holds speech, given everything processed since the last <see cref="Reset"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="chunk"/> is longer than 512 samples.</exception>
    public float Process(ReadOnlySpan<float> chunk)
    {
        if (chunk.Length > ChunkSamples)
            throw new ArgumentException($"a chunk is at most {ChunkSamples} samples; got {chunk.Length}", nameof(chunk));
        var input = Runner.Input(_input);
        // input[0..64] already holds the previous chunk's tail (zeros after Reset).
        chunk.CopyTo(input[ContextSamples..]);
        if (chunk.Length < ChunkSamples) input[(ContextSamples + chunk.Length)..].Clear();
        Runner.Run();
        Runner.Output(_stateOut).CopyTo(Runner.Input(_state));
        input.Slice(ChunkSamples, ContextSamples).CopyTo(input);
        return Runner.Output(_output)[0];
    }

    /// <summary>Starts a new stream: recurrent state and context back to zero.</summary>
    public void Reset()
    {
        Runner.Input(_state)[.._stateLength].Clear();
        Runner.Input(_input).Clear();
    }

    private int Find(IReadOnlyList<TensorInfo> tensors, string name, long[] shape, Type type)
    {
        for (int i = 0; i < tensors.Count; i++)
        {
            if (tensors[i].Name != name) continue;
            if (!tensors[i].Shape.AsSpan().SequenceEqual(shape) || tensors[i].ElementType != type)
                throw new InvalidDataException($"{Runner.ModelPath}: tensor {tensors[i]}, expected [{string.Join(',', shape)}] {(type == typeof(long) ? "int64" : "float32")}; not Silero VAD v5; run: edgeai models fetch");
            return i;
        }
        throw new InvalidDataException($"{Runner.ModelPath}: no tensor '{name}'; not Silero VAD v5; run: edgeai models fetch");
    }

    /// <inheritdoc/>
    public void Dispose() => Runner.Dispose();
}
