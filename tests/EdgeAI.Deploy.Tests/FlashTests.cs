using EdgeAI.TestKit;

namespace EdgeAI.Deploy.Tests;

/// <summary>
/// tools/flash.sh against a real sshd on 127.0.0.1, installing into a temporary root. The bundles are small x64
/// stand-ins (this machine is x64): VERSION, the unit, and an <c>edgeai</c> that runs the solution's own build, so the
/// doctor on the "target" is the real one. systemd is not PID 1 here: flash must say so and skip only that step.
/// </summary>
[Trait("Category", "Deploy")]
public sealed class FlashTests(ITestOutputHelper output)
{
    [Fact]
    public void Flash_InstallsSwitchesKeepsThePreviousOnFailuresAndRollsBack()
    {
        Assert.SkipWhen(LocalSshd.MissingReason is not null, LocalSshd.MissingReason ?? "");
        using var sshd = LocalSshd.Start();
        using var work = new TempDirectory();
        string root = Path.Combine(work.Path, "opt-edgeai");

        // 1. First install: copied, doctor run from the new folder, `current` created, systemd skipped with its reason.
        var first = Flash(sshd, root, Bundle(work, "v1"));
        Assert.True(first.Code == 0, first.Text);
        Assert.Equal("v1", Current(root));
        Assert.Contains("doctor: ", first.Text);
        Assert.Matches(@"doctor: \d+ ok", first.Text);
        Assert.Contains("systemd step skipped", first.Text);
        Assert.True(File.Exists(Path.Combine(root, "v1", "deploy", "edgeai.service")));

        // 2. An update: current → v2, previous → v1.
        var second = Flash(sshd, root, Bundle(work, "v2"));
        Assert.True(second.Code == 0, second.Text);
        Assert.Equal("v2", Current(root));
        Assert.Equal("v1", Previous(root));

        // 3. A version whose doctor fails never becomes current.
        var broken = Flash(sshd, root, Bundle(work, "v3", doctorFails: true));
        Assert.NotEqual(0, broken.Code);
        Assert.Contains("doctor failed", broken.Text);
        Assert.Equal("v2", Current(root));
        Assert.Equal("v1", Previous(root));

        // 4. A copy that fails (the staging folder cannot be created: a file sits where it goes) changes nothing.
        Directory.CreateDirectory(Path.Combine(root, ".incoming"));
        File.WriteAllText(Path.Combine(root, ".incoming", "v4"), "in the way");
        var failedCopy = Flash(sshd, root, Bundle(work, "v4"));
        Assert.NotEqual(0, failedCopy.Code);
        Assert.Contains("copy failed", failedCopy.Text);
        Assert.Equal("v2", Current(root));

        // 5. Rollback: back to v1, and v2 becomes the one to roll forward to.
        var back = Run(["127.0.0.1", "--target", "x64", "--root", root, "--rollback", .. sshd.FlashOptions], sshd);
        Assert.True(back.Code == 0, back.Text);
        Assert.Equal("v1", Current(root));
        Assert.Equal("v2", Previous(root));
        Assert.Contains("doctor: ", back.Text);
    }

    [Fact]
    public void Flash_RefusesABundleForAnotherArchitecture()
    {
        Assert.SkipWhen(LocalSshd.MissingReason is not null, LocalSshd.MissingReason ?? "");
        Assert.SkipWhen(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64, "needs an x64 host to be the wrong target");
        using var sshd = LocalSshd.Start();
        using var work = new TempDirectory();
        string bundle = Bundle(work, "a1", target: "jetson");

        var run = Run([sshd.Destination, "--target", "jetson", "--bundle", bundle, "--root", Path.Combine(work.Path, "root"), .. sshd.FlashOptions], sshd);

        Assert.NotEqual(0, run.Code);
        Assert.Contains("is x86_64, a jetson bundle needs aarch64", run.Text);
    }

    [Fact]
    public void Flash_WithoutTarget_IsAUsageError()
    {
        var run = ExternalTool.RunRaw(RepoPaths.Get("tools", "flash.sh"), ["somehost"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--target is required", run.StdErr);
    }

    private (int Code, string Text) Flash(LocalSshd sshd, string root, string bundle) =>
        Run([sshd.Destination, "--target", "x64", "--bundle", bundle, "--root", root, .. sshd.FlashOptions], sshd);

    private (int Code, string Text) Run(string[] args, LocalSshd sshd)
    {
        if (args[0] == "127.0.0.1") args[0] = sshd.Destination;
        var (code, stdout, stderr) = ExternalTool.RunRaw(RepoPaths.Get("tools", "flash.sh"), args, TimeSpan.FromMinutes(3));
        output.WriteLine($"$ tools/flash.sh {string.Join(' ', args)}\n{stdout}{stderr}exit {code}");
        return (code, stdout + stderr);
    }

    // A bundle as tools/publish.sh lays it out, whose edgeai runs this checkout's build (or fails its doctor).
    private static string Bundle(TempDirectory work, string version, bool doctorFails = false, string target = "x64")
    {
        string dir = Path.Combine(work.Path, "bundle-" + version);
        Directory.CreateDirectory(Path.Combine(dir, "deploy"));
        File.Copy(RepoPaths.Get("deploy", "edgeai.service"), Path.Combine(dir, "deploy", "edgeai.service"));
        File.Copy(RepoPaths.Get("deploy", "edgeai.env"), Path.Combine(dir, "deploy", "edgeai.env"));
        File.WriteAllText(Path.Combine(dir, "VERSION"), $"version={version}\ncommit=test\ntarget={target}\nrid=linux-x64\nflavor=cpu\n");
        string models = Path.Combine(work.Path, "empty-model-cache");
        Directory.CreateDirectory(models);
        string exe = Path.Combine(dir, "edgeai");
        File.WriteAllText(exe, doctorFails
            ? "#!/bin/sh\necho 'edgeai: libcoreclr.so: cannot open shared object file' >&2\nexit 1\n"
            : $"#!/bin/sh\nEDGEAI_MODELS={models} exec {Dotnet} {ServiceUnitTests.BuiltCli} \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(exe, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return dir;
    }

    private static string Dotnet =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "dotnet")).Where(File.Exists)
            .Select(p => new FileInfo(p).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? p).FirstOrDefault() ?? "dotnet";

    private static string Current(string root) => new FileInfo(Path.Combine(root, "current")).LinkTarget ?? "(no link)";

    private static string Previous(string root) => new FileInfo(Path.Combine(root, "previous")).LinkTarget ?? "(no link)";
}
