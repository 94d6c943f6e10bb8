namespace EdgeAI.Inference.Configuration;

/// <summary><c>Inference:Cuda</c>.</summary>
public sealed class CudaOptions
{
    /// <summary>Capture the model as a CUDA graph (fixed shapes, bound buffers: what the runner does).</summary>
    public bool CudaGraph { get; set; }
    /// <summary>Arena growth: <c>kNextPowerOfTwo</c> (ORT's default) or <c>kSameAsRequested</c> (tighter memory).</summary>
    public string? ArenaExtendStrategy { get; set; }
}
