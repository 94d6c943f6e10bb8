using EdgeAI.Inference.Configuration;
using EdgeAI.Inference.Providers;
using EdgeAI.Inference.Running;
using Microsoft.ML.OnnxRuntime;

namespace EdgeAI.Vision.Faces;

/// <summary>
/// A BlazeFace ONNX model on EdgeAI.Inference's <see cref="ModelRunner"/>: input and the four outputs are the runner's
/// pinned, bound buffers, so <see cref="Run"/> allocates nothing. A model with the wrong tensors is bad input naming the file.
/// </summary>
public sealed class OnnxFaceModel : IFaceModel
{
    private const string InputName = "input:0";
    private readonly int _input, _scores1, _regressors1, _scores2, _regressors2;

    /// <summary>Loads <paramref name="path"/> as <paramref name="variant"/> on the first provider of <paramref name="options"/> that works (null: CPU).</summary>
    /// <exception cref="FileNotFoundException">the file is missing.</exception>
    /// <exception cref="InvalidDataException">the file is not a loadable BlazeFace model.</exception>
    /// <exception cref="NoExecutionProviderException">no provider of the plan could load it.</exception>
    public OnnxFaceModel(string path, BlazeFaceModel variant, InferenceOptions? options = null)
        : this(ModelRunner.Load(variant?.InputSize == 256 ? "blazeface-back" : "blazeface-front", path, options), variant!)
    {
    }

    /// <summary>Uses an already loaded runner (takes ownership).</summary>
    /// <exception cref="InvalidDataException">the runner's model does not have BlazeFace's tensors.</exception>
    public OnnxFaceModel(ModelRunner runner, BlazeFaceModel variant)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(variant);
        Runner = runner;
        Variant = variant;
        try
        {
            int size = variant.InputSize;
            int fine = (size / variant.Strides[0]) * (size / variant.Strides[0]) * 2, coarse = variant.AnchorCount - fine;
            _input = Find(runner.Inputs, InputName, [1, size, size, 3]);
            _scores1 = Find(runner.Outputs, "Identity:0", [1, fine, 1]);
            _regressors1 = Find(runner.Outputs, "Identity_2:0", [1, fine, 16]);
            _scores2 = Find(runner.Outputs, "Identity_1:0", [1, coarse, 1]);
            _regressors2 = Find(runner.Outputs, "Identity_3:0", [1, coarse, 16]);
        }
        catch
        {
            runner.Dispose();
            throw;
        }
    }

    /// <summary>The runner underneath (provider choice, tensors, session).</summary>
    public ModelRunner Runner { get; }
    /// <summary>The provider running the model and why earlier ones were skipped.</summary>
    public ProviderChoice Provider => Runner.Provider;
    /// <summary>The session, for a bare <c>Run</c> to compare the pipeline against.</summary>
    public InferenceSession Session => Runner.Session;

    /// <inheritdoc/>
    public BlazeFaceModel Variant { get; }
    /// <inheritdoc/>
    public Span<float> Input => Runner.Input(_input);
    /// <inheritdoc/>
    public ReadOnlySpan<float> Scores1 => Runner.Output(_scores1);
    /// <inheritdoc/>
    public ReadOnlySpan<float> Regressors1 => Runner.Output(_regressors1);
    /// <inheritdoc/>
    public ReadOnlySpan<float> Scores2 => Runner.Output(_scores2);
    /// <inheritdoc/>
    public ReadOnlySpan<float> Regressors2 => Runner.Output(_regressors2);

    /// <inheritdoc/>
    public void Run() => Runner.Run();

    private int Find(IReadOnlyList<TensorInfo> tensors, string name, long[] expected)
    {
        for (int i = 0; i < tensors.Count; i++)
        {
            if (tensors[i].Name != name) continue;
            if (!tensors[i].Shape.AsSpan().SequenceEqual(expected) || tensors[i].ElementType != typeof(float))
                throw new InvalidDataException($"{Runner.ModelPath}: tensor {tensors[i]}, expected [{string.Join(',', expected)}] float32; not a BlazeFace {Variant.InputSize} model; run: edgeai models fetch");
            return i;
        }
        throw new InvalidDataException($"{Runner.ModelPath}: no tensor '{name}'; not a BlazeFace {Variant.InputSize} model; run: edgeai models fetch");
    }

    /// <inheritdoc/>
    public void Dispose() => Runner.Dispose();
}
