namespace EdgeAI.Inference.Providers;

/// <summary>An ONNX Runtime execution provider EdgeAI knows how to configure.</summary>
public enum ExecutionProvider
{
    /// <summary>NVIDIA TensorRT (x64 with the gpu flavor, Jetson with a JetPack build).</summary>
    TensorRT,
    /// <summary>NVIDIA CUDA.</summary>
    Cuda,
    /// <summary>Qualcomm QNN (Snapdragon HTP), with a board build of ONNX Runtime.</summary>
    Qnn,
    /// <summary>The default CPU provider, always present.</summary>
    Cpu,
}
