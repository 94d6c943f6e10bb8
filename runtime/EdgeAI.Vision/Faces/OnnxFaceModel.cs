using Microsoft.ML.OnnxRuntime;

namespace EdgeAI.Vision.Faces;

/// <summary>
/// A BlazeFace ONNX file run by ONNX Runtime with the input and the four outputs bound once to pinned buffers, so
/// <see cref="Run"/> allocates nothing. A missing, corrupt or wrong model is reported as bad input naming the file.
/// </summary>
public sealed class OnnxFaceModel : IFaceModel
{
    private const string InputName = "input:0";
    private static readonly string[] OutputNames = ["Identity:0", "Identity_2:0", "Identity_1:0", "Identity_3:0"];
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly float[] _input, _scores1, _regressors1, _scores2, _regressors2;
    private readonly OrtValue[] _inputValues, _outputValues;
    private readonly OrtIoBinding _binding;

    /// <summary>Loads <paramref name="path"/> as <paramref name="variant"/>; <paramref name="options"/> picks the execution provider.</summary>
    /// <exception cref="FileNotFoundException">the file is missing.</exception>
    /// <exception cref="InvalidDataException">the file is not a loadable BlazeFace model.</exception>
    public OnnxFaceModel(string path, BlazeFaceModel variant, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(variant);
        Variant = variant;
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: face model missing; run: edgeai models fetch", path);
        try
        {
            using var fallback = options is null ? new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR } : null;
            _session = new InferenceSession(path, options ?? fallback!);
        }
        catch (OnnxRuntimeException e) when (IsModelProblem(e.Message))
        {
            // Provider failures (CUDA/TensorRT missing) pass through so the caller can try the next provider.
            throw new InvalidDataException($"{path}: not a loadable ONNX face model ({FirstLine(e.Message)}); run: edgeai models fetch", e);
        }
        int size = variant.InputSize;
        CheckShape(path, InputName, _session.InputMetadata, [1, size, size, 3]);
        int fine = (size / variant.Strides[0]) * (size / variant.Strides[0]) * 2, coarse = variant.AnchorCount - fine;
        CheckShape(path, OutputNames[0], _session.OutputMetadata, [1, fine, 1]);
        CheckShape(path, OutputNames[1], _session.OutputMetadata, [1, fine, 16]);
        CheckShape(path, OutputNames[2], _session.OutputMetadata, [1, coarse, 1]);
        CheckShape(path, OutputNames[3], _session.OutputMetadata, [1, coarse, 16]);

        _input = new float[size * size * 3];
        _scores1 = new float[fine];
        _regressors1 = new float[fine * 16];
        _scores2 = new float[coarse];
        _regressors2 = new float[coarse * 16];
        _inputValues = [OrtValue.CreateTensorValueFromMemory(_input, [1, size, size, 3])];
        _outputValues =
        [
            OrtValue.CreateTensorValueFromMemory(_scores1, [1, fine, 1]),
            OrtValue.CreateTensorValueFromMemory(_regressors1, [1, fine, 16]),
            OrtValue.CreateTensorValueFromMemory(_scores2, [1, coarse, 1]),
            OrtValue.CreateTensorValueFromMemory(_regressors2, [1, coarse, 16]),
        ];
        // Names are bound once: a plain Run would marshal them to UTF-8 on every call.
        _binding = _session.CreateIoBinding();
        _binding.BindInput(InputName, _inputValues[0]);
        for (int i = 0; i < OutputNames.Length; i++) _binding.BindOutput(OutputNames[i], _outputValues[i]);
        Run(); // warm-up: first run pays for memory planning
    }

    /// <inheritdoc/>
    public BlazeFaceModel Variant { get; }
    /// <inheritdoc/>
    public Span<float> Input => _input;
    /// <inheritdoc/>
    public ReadOnlySpan<float> Scores1 => _scores1;
    /// <inheritdoc/>
    public ReadOnlySpan<float> Regressors1 => _regressors1;
    /// <inheritdoc/>
    public ReadOnlySpan<float> Scores2 => _scores2;
    /// <inheritdoc/>
    public ReadOnlySpan<float> Regressors2 => _regressors2;

    /// <summary>The session, for a bare <c>Run</c> to compare the pipeline against.</summary>
    public InferenceSession Session => _session;

    /// <inheritdoc/>
    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    private static void CheckShape(string path, string name, IReadOnlyDictionary<string, NodeMetadata> nodes, int[] expected)
    {
        if (!nodes.TryGetValue(name, out var node))
            throw new InvalidDataException($"{path}: no tensor '{name}'; not a BlazeFace {expected[1]} model; run: edgeai models fetch");
        if (!node.Dimensions.AsSpan().SequenceEqual(expected))
            throw new InvalidDataException($"{path}: tensor '{name}' is [{string.Join(',', node.Dimensions)}], expected [{string.Join(',', expected)}]");
    }

    // The error code is only in the message ("[ErrorCode:InvalidProtobuf] ...").
    private static bool IsModelProblem(string message) =>
        message.Contains("ErrorCode:InvalidProtobuf", StringComparison.Ordinal) || message.Contains("ErrorCode:InvalidGraph", StringComparison.Ordinal)
        || message.Contains("ErrorCode:NoModel", StringComparison.Ordinal) || message.Contains("ErrorCode:NoSuchFile", StringComparison.Ordinal)
        || message.Contains("ErrorCode:InvalidArgument", StringComparison.Ordinal) || message.Contains("ErrorCode:NotImplemented", StringComparison.Ordinal);

    private static string FirstLine(string message) => message.ReplaceLineEndings(" ").Trim();

    /// <inheritdoc/>
    public void Dispose()
    {
        _binding.Dispose();
        foreach (var v in _inputValues) v.Dispose();
        foreach (var v in _outputValues) v.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
