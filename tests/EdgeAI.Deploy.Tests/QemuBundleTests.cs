using EdgeAI.TestKit;

namespace EdgeAI.Deploy.Tests;

/// <summary>
/// The jetson bundle run for real under qemu-user with the Debian arm64 cross sysroot: the closest to a dev kit without
/// one. Each command runs once; a command that does not finish in its time is a failure, not a skip.
/// </summary>
[Trait("Category", "Qemu")]
[Collection(JetsonBundleCollection.Name)]
public sealed class QemuBundleTests(JetsonBundle bundle, ITestOutputHelper output)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public void Version_RunsTheArm64RuntimeUnderQemu()
    {
        Assert.SkipWhen(Qemu.MissingReason is not null, Qemu.MissingReason ?? "");
        var run = Qemu.Run(bundle.Executable, ["--version"], TimeSpan.FromMinutes(1));
        output.WriteLine($"qemu: edgeai --version: {run.Elapsed.TotalSeconds:F1} s");
        Assert.False(run.TimedOut, "edgeai --version did not finish under qemu in a minute");
        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.Contains(bundle.Version()["commit"][..12], run.StdOut);
    }

    [Fact]
    public void Doctor_UnderQemu_ReportsArm64AndTheGStreamerCameraPath()
    {
        var run = RunUnderQemu("doctor");
        Assert.Matches(@"✔ CPU\s+arm64, ", run);
        Assert.Contains(".NET 10.0", run);
        Assert.Contains("(linux-arm64)", run);
        // The bundle's own arm64 ORT and GenAI natives load.
        Assert.Matches(@"✔ ONNX Runtime\s+1\.31\.1 \(flavor cpu\) from " + System.Text.RegularExpressions.Regex.Escape(bundle.Folder) + "/libonnxruntime.so", run);
        Assert.Matches(@"✔ ONNX Runtime GenAI\s+0\.18\.0", run);
        Assert.Contains("no OpenCvSharp runtime for linux-arm64: cameras use the GStreamer path", run);
    }

    [Fact]
    public void CanStats_UnderQemu_CountsTheBundledDrive()
    {
        var run = RunUnderQemu("can", "stats", Path.Combine(bundle.Folder, "models", "scenarios", "city-drive", "can.log.gz"));
        Assert.Contains("frames", run);
    }

    [Fact]
    public void Demo_UnderQemu_ReplaysTheBundledDrive()
    {
        // No OpenCvSharp runtime on linux-arm64: the demo says so and runs without the cabin camera.
        var run = RunUnderQemu("demo", "--speed", "max", "--plain");
        Assert.Contains("the cabin clip cannot be decoded here", run);
        Assert.Contains("283504 frames (283504 decoded)", run);
    }

    [Fact]
    public void Chat_UnderQemu_StreamsFromTheTestModel()
    {
        string model = Path.Combine(Environment.GetEnvironmentVariable("EDGEAI_MODELS") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edgeai", "models"), "qwen3-test");
        Assert.SkipWhen(!File.Exists(Path.Combine(model, "genai_config.json")), $"{model} missing: run ./edgeai models make-test-llm (./test.sh does)");
        var run = RunUnderQemu("chat", "--prompt", "hi", "--json", "--model", model, "--max-new-tokens", "16");
        Assert.Contains("{\"type\":\"token\"", run);
        Assert.Contains("\"new_tokens\":16,", run);
        Assert.Contains("\"engine\":\"qwen3-test\",\"provider\":\"cpu\"", run);
    }

    private string RunUnderQemu(params string[] args)
    {
        Assert.SkipWhen(Qemu.MissingReason is not null, Qemu.MissingReason ?? "");
        var run = Qemu.Run(bundle.Executable, args, CommandTimeout);
        output.WriteLine($"qemu: edgeai {string.Join(' ', args)}: {run.Elapsed.TotalSeconds:F1} s, exit {run.ExitCode}{(run.TimedOut ? " (timed out)" : "")}");
        Assert.False(run.TimedOut, $"edgeai {string.Join(' ', args)} did not finish in {CommandTimeout.TotalMinutes:F0} min under {Path.GetFileName(Qemu.Program)}");
        Assert.True(run.ExitCode == 0, run.StdErr);
        return run.StdOut + run.StdErr;
    }
}
