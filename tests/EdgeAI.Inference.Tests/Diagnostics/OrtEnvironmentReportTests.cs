using EdgeAI.Inference.Diagnostics;

namespace EdgeAI.Inference.Tests.Diagnostics;

public sealed class OrtEnvironmentReportTests
{
    [Fact]
    public void Collect_CpuBuild_ReportsFlavorVersionsProvidersAndLibrary()
    {
        var report = OrtEnvironmentReport.Collect();
        Assert.Equal("cpu", report.Flavor); // tests build with the default flavor
        Assert.True(report.Usable, report.Problem);
        Assert.StartsWith("1.31", report.NativeVersion, StringComparison.Ordinal);
        Assert.StartsWith("1.31", report.ManagedVersion, StringComparison.Ordinal);
        Assert.Contains("CPUExecutionProvider", report.AvailableProviders);
        Assert.NotNull(report.NativeLibraryPath);
        Assert.StartsWith("libonnxruntime.so", Path.GetFileName(report.NativeLibraryPath), StringComparison.Ordinal);
        Assert.True(File.Exists(report.NativeLibraryPath));
    }
}
