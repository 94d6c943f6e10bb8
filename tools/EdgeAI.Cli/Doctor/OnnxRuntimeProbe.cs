using EdgeAI.Inference.Diagnostics;

namespace EdgeAI.Cli.Doctor;

/// <summary>ONNX Runtime: flavor built in, versions, native library, execution providers.</summary>
public sealed class OnnxRuntimeProbe(string? configuredLibrary = null) : IDoctorProbe
{
    /// <inheritdoc/>
    public IEnumerable<DoctorCheck> Run()
    {
        var ort = OrtEnvironmentReport.Collect(configuredLibrary);
        if (!ort.Usable)
        {
            yield return new DoctorCheck("ONNX Runtime", DoctorStatus.Missing, $"flavor {ort.Flavor}, managed {ort.ManagedVersion}: {ort.Problem}",
                "set EDGEAI_ORT_LIB to a libonnxruntime.so built for this board (native/README.md)");
            yield break;
        }
        yield return new DoctorCheck("ONNX Runtime", DoctorStatus.Ok, $"{ort.NativeVersion} (flavor {ort.Flavor}) from {ort.NativeLibraryPath}");
        bool accelerated = ort.AvailableProviders.Any(p => p is "CUDAExecutionProvider" or "TensorrtExecutionProvider" or "QNNExecutionProvider");
        yield return new DoctorCheck("Execution providers", accelerated ? DoctorStatus.Ok : DoctorStatus.Warning, string.Join(", ", ort.AvailableProviders),
            accelerated ? null : "CPU only: build with -p:EdgeAIOrtFlavor=gpu (CUDA/TensorRT) or native (JetPack, QNN); see native/README.md");
    }
}
