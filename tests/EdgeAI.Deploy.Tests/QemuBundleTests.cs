using EdgeAI.TestKit;

namespace EdgeAI.Deploy.Tests;

/// <summary>
/// The jetson bundle run for real under qemu-user (the closest to a dev kit without one). The .NET runtime starts and
/// the host and ReadyToRun code run (<c>--version</c>); the commands themselves do not finish under qemu-user 7.2 on
/// this machine (they spin at 100 % CPU without a system call: .NET under QEMU user mode is a known problem, dotnet/runtime
/// issues 95120 and 78340), so each command gets one short try and is skipped with that reason when it hangs: if a
/// newer qemu fixes it, the same tests assert the real output.
/// </summary>
[Trait("Category", "Qemu")]
[Collection(JetsonBundleCollection.Name)]
public sealed class QemuBundleTests(JetsonBundle bundle, ITestOutputHelper output)
{
    // One hang is enough to know: the later commands are skipped at once instead of waiting each.
    private static string? s_hang;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(45);

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
        var run = RunOrSkip("doctor");
        Assert.Contains("Arm64", run, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ONNX Runtime", run);
    }

    [Fact]
    public void CanStats_UnderQemu_CountsTheBundledDrive()
    {
        var run = RunOrSkip("can", "stats", Path.Combine(bundle.Folder, "models", "scenarios", "city-drive", "can.log.gz"));
        Assert.Contains("frames", run);
    }

    [Fact]
    public void Demo_UnderQemu_ReplaysTheBundledDrive()
    {
        var run = RunOrSkip("demo", "--speed", "max", "--plain");
        Assert.Contains("283504 frames (283504 decoded)", run);
    }

    [Fact]
    public void Chat_UnderQemu_StreamsFromTheTestModel()
    {
        string model = Path.Combine(Environment.GetEnvironmentVariable("EDGEAI_MODELS") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edgeai", "models"), "qwen3-test");
        Assert.SkipWhen(!File.Exists(Path.Combine(model, "genai_config.json")), $"{model} missing: run ./edgeai models make-test-llm (./test.sh does)");
        var run = RunOrSkip("chat", "--prompt", "hi", "--json", "--model", model);
        Assert.Contains("\"done\"", run);
    }

    [Fact]
    public void NativeOrtLoad_OnArm64_IsABoardCheck()
    {
        Assert.Skip("loading the bundle's arm64 libonnxruntime.so needs an arm64 process: under qemu-user the CLI hangs before it gets there (see the class notes), and an x64 test process cannot dlopen it; EveryNeededLibrary_IsInTheBundleOrTheArm64Sysroot checks its dependencies instead, the board runs `edgeai doctor`");
    }

    private string RunOrSkip(params string[] args)
    {
        Assert.SkipWhen(Qemu.MissingReason is not null, Qemu.MissingReason ?? "");
        Assert.SkipWhen(s_hang is not null, s_hang ?? "");
        var run = Qemu.Run(bundle.Executable, args, CommandTimeout);
        output.WriteLine($"qemu: edgeai {string.Join(' ', args)}: {run.Elapsed.TotalSeconds:F1} s, exit {run.ExitCode}{(run.TimedOut ? " (timed out)" : "")}");
        if (run.TimedOut)
        {
            s_hang = $"edgeai {string.Join(' ', args)} did not finish in {CommandTimeout.TotalSeconds:F0} s under {Path.GetFileName(Qemu.Program)} (it spins without system calls; .NET under QEMU user mode is unreliable, dotnet/runtime 95120/78340): a board check";
            Assert.Skip(s_hang);
        }
        Assert.True(run.ExitCode == 0, run.StdErr);
        return run.StdOut + run.StdErr;
    }
}
