namespace EdgeAI.Inference.Configuration;

/// <summary><c>Inference:Qnn</c>: Snapdragon HTP through a board build of ONNX Runtime.</summary>
public sealed class QnnOptions
{
    /// <summary>The QNN backend library, e.g. <c>libQnnHtp.so</c>.</summary>
    public string? BackendPath { get; set; }
    /// <summary><c>burst</c>, <c>sustained_high_performance</c>, <c>high_performance</c>, <c>balanced</c>, <c>power_saver</c>, ...</summary>
    public string? HtpPerformanceMode { get; set; }
    /// <summary>Where compiled context binaries are cached (ORT's EP context model); null disables it.</summary>
    public string? ContextCacheDir { get; set; }
}
