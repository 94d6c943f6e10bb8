using EdgeAI.Inference.Providers;

namespace EdgeAI.Inference.Configuration;

/// <summary>
/// The <c>Inference</c> section of <c>edgeai.json</c> (also <c>EDGEAI__Inference__...</c> variables and the command line):
/// which providers to try in order and each provider's settings.
/// </summary>
public sealed class InferenceOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "Inference";

    /// <summary>Providers in the order to try them (<c>tensorrt</c>, <c>cuda</c>, <c>qnn</c>, <c>cpu</c>); empty means cpu.</summary>
    public List<string> Providers { get; set; } = [];

    /// <summary>The accelerator index for CUDA and TensorRT.</summary>
    public int DeviceId { get; set; }

    /// <summary>libonnxruntime.so to load (native flavor); <c>EDGEAI_ORT_LIB</c> wins over it.</summary>
    public string? OrtLibrary { get; set; }

    /// <summary>Run warm-up passes at load (first runs pay for memory planning and kernel selection).</summary>
    public int WarmUpRuns { get; set; } = 1;

    /// <summary>TensorRT settings.</summary>
    public TensorRTOptions TensorRT { get; set; } = new();

    /// <summary>CUDA settings.</summary>
    public CudaOptions Cuda { get; set; } = new();

    /// <summary>QNN settings.</summary>
    public QnnOptions Qnn { get; set; } = new();

    /// <summary>The parsed provider plan.</summary>
    /// <exception cref="UnknownExecutionProviderException">a name is not known.</exception>
    public IReadOnlyList<ExecutionProvider> ProviderPlan() => ExecutionProviderNames.ParseList(Providers);
}
