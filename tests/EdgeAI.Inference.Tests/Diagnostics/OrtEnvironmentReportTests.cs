using EdgeAI.Inference.Diagnostics;

namespace EdgeAI.Inference.Tests.Diagnostics;

public sealed class OrtEnvironmentReportTests
{
    [Fact]
    public void Collect_AnyBuild_ReportsTheCompiledFlavorAndALoadedLibrary()
    {
        var report = OrtEnvironmentReport.Collect();
        Assert.Equal(OrtEnvironmentReport.CompiledFlavor, report.Flavor);
        Assert.Contains(report.Flavor, new[] { "cpu", "gpu", "native" });
        Assert.True(report.Usable, report.Problem);
        Assert.Contains("CPUExecutionProvider", report.AvailableProviders);
        Assert.NotNull(report.NativeLibraryPath);
        Assert.True(File.Exists(report.NativeLibraryPath));
    }

    [Fact]
    public void Collect_CpuBuild_ReportsFlavorVersionsProvidersAndLibrary()
    {
        if (OrtEnvironmentReport.CompiledFlavor != "cpu")
            Assert.Skip($"this build's EdgeAIOrtFlavor is {OrtEnvironmentReport.CompiledFlavor}; the CPU package's report is checked on cpu builds");
        var report = OrtEnvironmentReport.Collect();
        Assert.Equal("cpu", report.Flavor);
        Assert.True(report.Usable, report.Problem);
        Assert.StartsWith("1.31", report.NativeVersion, StringComparison.Ordinal);
        Assert.StartsWith("1.31", report.ManagedVersion, StringComparison.Ordinal);
        Assert.Contains("CPUExecutionProvider", report.AvailableProviders);
        Assert.NotNull(report.NativeLibraryPath);
        Assert.StartsWith("libonnxruntime.so", Path.GetFileName(report.NativeLibraryPath), StringComparison.Ordinal);
        Assert.True(File.Exists(report.NativeLibraryPath));
    }
}
