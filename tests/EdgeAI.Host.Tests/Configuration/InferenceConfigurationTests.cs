using EdgeAI.Host.Configuration;
using EdgeAI.Inference.Configuration;
using EdgeAI.Inference.Providers;
using EdgeAI.TestKit;

namespace EdgeAI.Host.Tests.Configuration;

public sealed class InferenceConfigurationTests
{
    [Fact]
    public void Inference_EdgeAIJson_BindsProvidersAndPerProviderSettings()
    {
        using var dir = new TempDirectory();
        string file = dir.File("edgeai.json");
        File.WriteAllText(file, """
            { "Inference": { "Providers": ["tensorrt", "cuda", "cpu"], "DeviceId": 1,
              "TensorRT": { "Fp16": true, "EngineCacheDir": "/var/cache/trt" },
              "Cuda": { "CudaGraph": true, "ArenaExtendStrategy": "kSameAsRequested" },
              "Qnn": { "BackendPath": "libQnnHtp.so", "HtpPerformanceMode": "burst" } } }
            """);
        var options = EdgeAIConfiguration.Inference(EdgeAIConfiguration.Build(file));
        Assert.Equal([ExecutionProvider.TensorRT, ExecutionProvider.Cuda, ExecutionProvider.Cpu], options.ProviderPlan());
        Assert.Equal(1, options.DeviceId);
        Assert.True(options.TensorRT.Fp16);
        Assert.False(options.TensorRT.Int8);
        Assert.Equal("/var/cache/trt", options.TensorRT.EngineCacheDir);
        Assert.True(options.Cuda.CudaGraph);
        Assert.Equal("kSameAsRequested", options.Cuda.ArenaExtendStrategy);
        Assert.Equal("burst", options.Qnn.HtpPerformanceMode);
    }

    [Fact]
    public void Inference_CommandLineOverride_WinsOverTheFile()
    {
        using var dir = new TempDirectory();
        string file = dir.File("edgeai.json");
        File.WriteAllText(file, """{ "Inference": { "DeviceId": 1 } }""");
        var options = EdgeAIConfiguration.Inference(EdgeAIConfiguration.Build(file, ["--Inference:DeviceId=3"]));
        Assert.Equal(3, options.DeviceId);
    }

    [Fact]
    public void Build_MissingFile_NamesIt()
    {
        var e = Assert.Throws<FileNotFoundException>(() => EdgeAIConfiguration.Build("/nonexistent/edgeai.json"));
        Assert.StartsWith("/nonexistent/edgeai.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inference_NoConfiguration_MeansCpu()
    {
        var options = EdgeAIConfiguration.Inference(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Assert.Equal([ExecutionProvider.Cpu], options.ProviderPlan());
    }
}
