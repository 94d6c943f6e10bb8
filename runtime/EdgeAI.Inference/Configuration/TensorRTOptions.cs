namespace EdgeAI.Inference.Configuration;

/// <summary><c>Inference:TensorRT</c>: precision and the caches that save minutes of engine building at start-up.</summary>
public sealed class TensorRTOptions
{
    /// <summary>Allow FP16 kernels.</summary>
    public bool Fp16 { get; set; }
    /// <summary>Allow INT8 kernels (needs a calibrated or quantized model).</summary>
    public bool Int8 { get; set; }
    /// <summary>Where built engines are cached; null disables the cache.</summary>
    public string? EngineCacheDir { get; set; }
    /// <summary>Where the tactic timing cache lives; null disables it.</summary>
    public string? TimingCacheDir { get; set; }
}
