using System.Diagnostics.Metrics;
using EdgeAI.Inference.Configuration;
using EdgeAI.Inference.Providers;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EdgeAI.Inference.Running;

/// <summary>
/// One ONNX model on the provider its plan chose, with every input and output bound once (IOBinding) to a pinned
/// buffer it owns. Callers write inputs through <see cref="Input{T}(int)"/>, call <see cref="Run"/>, and read outputs
/// through <see cref="Output{T}(int)"/>: the run path allocates nothing. Each run is recorded in the model's
/// <see cref="InferenceMeter"/> histogram.
/// </summary>
public sealed class ModelRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding _binding;

    /// <summary>
    /// Dimensions the model leaves symbolic or unknown that no shape was given for, bound as 1
    /// (<c>input[0] ('batch') = 1</c>); give <see cref="RunnerOptions.Shapes"/> to choose others.
    /// </summary>
    public IReadOnlyList<string> AssumedDimensions { get; } = [];
    private readonly Array[] _inputs, _outputs;
    private readonly OrtValue[] _values;
    private readonly Histogram<double> _latency;
    private readonly TimeProvider _time;

    private ModelRunner(string modelId, string path, InferenceSession session, ProviderChoice provider, RunnerOptions runner)
    {
        ModelId = modelId;
        ModelPath = path;
        Provider = provider;
        _session = session;
        _time = runner.TimeProvider;
        _latency = InferenceMeter.For(modelId);
        var values = new List<OrtValue>();
        var assumed = new List<string>();
        try
        {
            Inputs = Describe(path, modelId, session.InputNames, session.InputMetadata, runner, assumed);
            Outputs = Describe(path, modelId, session.OutputNames, session.OutputMetadata, runner, assumed);
            AssumedDimensions = assumed;
            _inputs = new Array[Inputs.Count];
            _outputs = new Array[Outputs.Count];
            // Names are bound once: a plain Run marshals every name to UTF-8 on every call.
            _binding = session.CreateIoBinding();
            for (int i = 0; i < Inputs.Count; i++)
            {
                (_inputs[i], var value) = Allocate(Inputs[i]);
                values.Add(value);
                _binding.BindInput(Inputs[i].Name, value);
            }
            for (int i = 0; i < Outputs.Count; i++)
            {
                (_outputs[i], var value) = Allocate(Outputs[i]);
                values.Add(value);
                _binding.BindOutput(Outputs[i].Name, value);
            }
            _values = [.. values];
        }
        catch
        {
            foreach (var v in values) v.Dispose();
            _binding?.Dispose(); // created before a failing bind: it holds a native OrtIoBinding
            _runOptions.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads <paramref name="path"/> on the first provider of <paramref name="options"/> that works, binds its tensors
    /// and runs the warm-up passes.
    /// </summary>
    /// <param name="modelId">The manifest id (names the histogram and every message).</param>
    /// <param name="path">The .onnx file (usually <c>ModelCache.GetPath(modelId)</c>).</param>
    /// <param name="options">Provider plan and settings; null means CPU with one warm-up run.</param>
    /// <param name="runner">Shapes for symbolic dimensions and warm-up inputs; null for defaults.</param>
    /// <exception cref="FileNotFoundException">the file is missing.</exception>
    /// <exception cref="InvalidDataException">the file is not a loadable model, or has a tensor type the runner cannot bind.</exception>
    /// <exception cref="NoExecutionProviderException">no provider of the plan could load it.</exception>
    public static ModelRunner Load(string modelId, string path, InferenceOptions? options = null, RunnerOptions? runner = null)
    {
        options ??= new InferenceOptions();
        runner ??= new RunnerOptions();
        var session = ProviderPlan.Open(modelId, path, options, out var choice);
        ModelRunner result;
        try
        {
            result = new ModelRunner(modelId, path, session, choice, runner);
        }
        catch
        {
            session.Dispose();
            throw;
        }
        try
        {
            runner.PrepareWarmUp?.Invoke(result);
            // Warm-up: the first runs pay for memory planning and kernel selection.
            for (int i = 0; i < Math.Max(0, options.WarmUpRuns); i++) result.Run();
        }
        catch (OnnxRuntimeException e)
        {
            result.Dispose();
            throw new InvalidDataException($"{path}: model {modelId} failed its warm-up run ({e.Message.ReplaceLineEndings(" ").Trim()})", e);
        }
        return result;
    }

    /// <summary>
    /// Loads model <paramref name="modelId"/> from <paramref name="cache"/> (verified), binding the shapes its manifest entry gives.
    /// </summary>
    /// <exception cref="KeyNotFoundException">the id is not in the manifest.</exception>
    /// <exception cref="EdgeAI.Inference.Models.ModelNotAvailableException">the model is missing or corrupt: the message names it, its path and <c>edgeai models fetch</c>.</exception>
    /// <exception cref="NoExecutionProviderException">no provider of the plan could load it.</exception>
    public static ModelRunner Load(EdgeAI.Inference.Models.ModelCache cache, string modelId, InferenceOptions? options = null, Action<ModelRunner>? prepareWarmUp = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        string path = cache.GetPath(modelId);
        var runner = RunnerOptions.FromManifest(cache.Manifest.Get(modelId));
        runner.PrepareWarmUp = prepareWarmUp;
        return Load(modelId, path, options, runner);
    }

    /// <summary>The manifest id.</summary>
    public string ModelId { get; }
    /// <summary>The .onnx file.</summary>
    public string ModelPath { get; }
    /// <summary>The provider running the model and why earlier ones were skipped.</summary>
    public ProviderChoice Provider { get; }
    /// <summary>The inputs, in the model's order, with the shapes bound.</summary>
    public IReadOnlyList<TensorInfo> Inputs { get; }
    /// <summary>The outputs, in the model's order, with the shapes bound.</summary>
    public IReadOnlyList<TensorInfo> Outputs { get; }
    /// <summary>The session, for comparing against a bare <c>InferenceSession.Run</c> on the same model.</summary>
    public InferenceSession Session => _session;

    /// <summary>Input <paramref name="index"/> as float, written in place before <see cref="Run"/>.</summary>
    public Span<float> Input(int index) => Input<float>(index);
    /// <summary>Output <paramref name="index"/> as float, valid until the next <see cref="Run"/>.</summary>
    public ReadOnlySpan<float> Output(int index) => Output<float>(index);

    /// <summary>Input <paramref name="index"/> with element type <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">the tensor has another element type.</exception>
    public Span<T> Input<T>(int index) where T : unmanaged =>
        _inputs[index] as T[] ?? throw WrongType(Inputs[index], typeof(T));

    /// <summary>Output <paramref name="index"/> with element type <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">the tensor has another element type.</exception>
    public ReadOnlySpan<T> Output<T>(int index) where T : unmanaged =>
        _outputs[index] as T[] ?? throw WrongType(Outputs[index], typeof(T));

    /// <summary>The index of input <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">no such input.</exception>
    public int InputIndex(string name) => IndexOf(Inputs, name);
    /// <summary>The index of output <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">no such output.</exception>
    public int OutputIndex(string name) => IndexOf(Outputs, name);

    /// <summary>Runs the model on the bound inputs into the bound outputs; allocates nothing.</summary>
    public void Run()
    {
        long start = _time.GetTimestamp();
        _session.RunWithBinding(_runOptions, _binding);
        _latency.Record(_time.GetElapsedTime(start).TotalMilliseconds);
    }

    private int IndexOf(IReadOnlyList<TensorInfo> tensors, string name)
    {
        for (int i = 0; i < tensors.Count; i++)
            if (tensors[i].Name == name) return i;
        throw new KeyNotFoundException($"model {ModelId} has no tensor '{name}' (has {string.Join(", ", tensors.Select(t => t.Name))})");
    }

    private InvalidOperationException WrongType(TensorInfo tensor, Type asked) =>
        new($"model {ModelId}: tensor {tensor} read as {TensorInfo.OnnxName(asked)}");

    private static List<TensorInfo> Describe(string path, string modelId, IReadOnlyList<string> names,
        IReadOnlyDictionary<string, NodeMetadata> metadata, RunnerOptions runner, List<string> assumed)
    {
        var list = new List<TensorInfo>(names.Count);
        foreach (var name in names)
        {
            var node = metadata[name];
            if (!node.IsTensor)
                throw new InvalidDataException($"{path}: model {modelId} tensor '{name}' is a {node.OnnxValueType}; the runner binds tensors only");
            long[] shape;
            if (runner.Shapes.TryGetValue(name, out var given)) shape = given;
            else
            {
                shape = node.Dimensions.Select(d => d > 0 ? (long)d : 1L).ToArray();
                // A symbolic or unknown dimension the caller gave no size for is bound as 1: said, never silent.
                for (int d = 0; d < node.Dimensions.Length; d++)
                {
                    if (node.Dimensions[d] > 0) continue;
                    string symbol = node.SymbolicDimensions is { } symbols && d < symbols.Length && symbols[d].Length > 0 ? $"'{symbols[d]}'" : "unknown";
                    assumed.Add($"{name}[{d}] ({symbol}) = 1");
                }
            }
            list.Add(new TensorInfo(name, shape, node.ElementType));
        }
        return list;
    }

    private static (Array, OrtValue) Allocate(TensorInfo tensor) => tensor.ElementType switch
    {
        var t when t == typeof(float) => Pinned<float>(tensor),
        var t when t == typeof(long) => Pinned<long>(tensor),
        var t when t == typeof(int) => Pinned<int>(tensor),
        var t when t == typeof(double) => Pinned<double>(tensor),
        var t when t == typeof(bool) => Pinned<bool>(tensor),
        var t when t == typeof(byte) => Pinned<byte>(tensor),
        var t when t == typeof(sbyte) => Pinned<sbyte>(tensor),
        var t when t == typeof(short) => Pinned<short>(tensor),
        var t when t == typeof(Float16) => Pinned<Float16>(tensor),
        _ => throw new InvalidDataException($"tensor {tensor}: element type not supported by the runner"),
    };

    // Pinned (POH) arrays: ORT keeps raw pointers to them for the session's life.
    private static (Array, OrtValue) Pinned<T>(TensorInfo tensor) where T : unmanaged
    {
        var buffer = GC.AllocateArray<T>(checked((int)tensor.ElementCount), pinned: true);
        return (buffer, OrtValue.CreateTensorValueFromMemory(buffer, tensor.Shape));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _binding.Dispose();
        foreach (var v in _values) v.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
