using System.Runtime.InteropServices;
using EdgeAI.Inference.Configuration;
using EdgeAI.Inference.Providers;
using EdgeAI.Inference.Running;
using Microsoft.ML.OnnxRuntime;

namespace EdgeAI.Inference.Tests.Providers;

public sealed class ProviderPlanTests
{
    private static void SkipWhenGpuPresent()
    {
        if (OrtEnv.Instance().GetAvailableProviders().Any(p => p.StartsWith("CUDA", StringComparison.Ordinal) || p.StartsWith("Tensorrt", StringComparison.Ordinal)))
            Assert.Skip("this ONNX Runtime build has CUDA/TensorRT: the fallback cannot be observed here");
    }

    [Fact]
    public void Load_TensorRtAndCudaRequested_FallsBackToCpuWithReasonsRecorded()
    {
        SkipWhenGpuPresent();
        string path = SharedModels.Require("blazeface-front");
        var options = new InferenceOptions { Providers = ["tensorrt", "cuda", "cpu"] };
        using var runner = ModelRunner.Load("blazeface-front", path, options);
        Assert.Equal(ExecutionProvider.Cpu, runner.Provider.Chosen);
        Assert.Equal([ExecutionProvider.TensorRT, ExecutionProvider.Cuda], runner.Provider.Failures.Select(f => f.Provider));
        Assert.All(runner.Provider.Failures, f => Assert.Contains("not enabled in this build", f.Reason, StringComparison.Ordinal));
        Assert.StartsWith("cpu (tensorrt unavailable: ", runner.Provider.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OnlyCudaRequested_FailsListingEveryReason()
    {
        SkipWhenGpuPresent();
        string path = SharedModels.Require("blazeface-front");
        var e = Assert.Throws<NoExecutionProviderException>(() => ModelRunner.Load("blazeface-front", path, new InferenceOptions { Providers = ["cuda"] }));
        Assert.Single(e.Failures);
        Assert.Contains("blazeface-front", e.Message, StringComparison.Ordinal);
        Assert.Contains("cuda unavailable", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Null when this ORT build has <paramref name="provider"/> and the libraries it needs load; else why not.</summary>
    private static string? MissingGpuReason(string provider, params string[] libraries)
    {
        if (!OrtEnv.Instance().GetAvailableProviders().Contains(provider))
            return $"this ONNX Runtime build has no {provider} (EdgeAIOrtFlavor={EdgeAI.Inference.Diagnostics.OrtEnvironmentReport.CompiledFlavor}; build with -p:EdgeAIOrtFlavor=gpu or native)";
        var missing = libraries.Where(l => !NativeLibrary.TryLoad(l, out _)).ToList();
        return missing.Count == 0 ? null : $"{provider} needs {string.Join(", ", missing)}, which do not load here";
    }

    [Fact]
    [Trait("Category", "Hardware")]
    public void Load_CudaWhereItExists_ChoosesCudaWithoutFailures()
    {
        if (MissingGpuReason("CUDAExecutionProvider", "libcudart.so.12", "libcublas.so.12", "libcudnn.so.9") is { } reason) Assert.Skip(reason);
        string path = SharedModels.Require("blazeface-front");
        using var runner = ModelRunner.Load("blazeface-front", path, new InferenceOptions { Providers = ["cuda", "cpu"] });
        Assert.Equal(ExecutionProvider.Cuda, runner.Provider.Chosen);
        Assert.Empty(runner.Provider.Failures);
        runner.Run();
    }

    [Fact]
    [Trait("Category", "Hardware")]
    public void Load_TensorRtWhereItExists_ChoosesTensorRtWithoutFailures()
    {
        if (MissingGpuReason("TensorrtExecutionProvider", "libcudart.so.12", "libnvinfer.so.10") is { } reason) Assert.Skip(reason);
        string path = SharedModels.Require("blazeface-front");
        using var runner = ModelRunner.Load("blazeface-front", path, new InferenceOptions { Providers = ["tensorrt", "cuda", "cpu"] });
        Assert.Equal(ExecutionProvider.TensorRT, runner.Provider.Chosen);
        Assert.Empty(runner.Provider.Failures);
        runner.Run();
    }

    [Theory]
    [InlineData("cuda,npu", "npu")]
    [InlineData("tensorrt,,gpu", "gpu")]
    public void ParseList_UnknownName_IsRejectedNamingItAndTheKnownNames(string list, string bad)
    {
        var e = Assert.Throws<UnknownExecutionProviderException>(() => ExecutionProviderNames.ParseList(list));
        Assert.Equal(bad, e.ProviderName);
        Assert.Equal($"unknown execution provider '{bad}'; known: tensorrt, cuda, qnn, cpu", e.Message);
    }

    [Fact]
    public void ParseList_MixedCaseAndRepeats_KeepsFirstOrder()
    {
        Assert.Equal([ExecutionProvider.TensorRT, ExecutionProvider.Cuda, ExecutionProvider.Cpu], ExecutionProviderNames.ParseList(" TensorRT, cuda,CPU,cuda "));
        Assert.Equal([ExecutionProvider.Cpu], ExecutionProviderNames.ParseList(""));
    }

    [Fact]
    public void Load_UnknownProviderInConfiguration_IsRejectedBeforeLoading()
    {
        var options = new InferenceOptions { Providers = ["cuda", "vulkan"] };
        Assert.Throws<UnknownExecutionProviderException>(() => ModelRunner.Load("blazeface-front", "/nonexistent.onnx", options));
    }
}
