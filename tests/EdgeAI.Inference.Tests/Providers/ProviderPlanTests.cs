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
