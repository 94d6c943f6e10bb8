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

    [Fact]
    public async Task DemoServe_UnderQemu_ServesTheCockpitAndItsApi()
    {
        Assert.SkipWhen(Qemu.MissingReason is not null, Qemu.MissingReason ?? "");
        using var dir = new TempDirectory();
        // ASP.NET Core (Kestrel) ships inside the self-contained arm64 bundle: the HMI on a paused drive.
        using var process = Qemu.Start(bundle.Executable, ["demo", "--serve", "0", "--paused", "--plain", "--no-vision", "--state", dir.Path]);
        var stderr = new System.Text.StringBuilder();
        var link = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (stderr) stderr.AppendLine(line);
                var found = System.Text.RegularExpressions.Regex.Match(line, @"the cockpit is at (http://127\.0\.0\.1:\d+/\?once=\S+)");
                if (found.Success) link.TrySetResult(found.Groups[1].Value);
            }
            link.TrySetException(new InvalidOperationException("edgeai demo --serve ended without a link: " + stderr));
        }, TestContext.Current.CancellationToken);
        _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync() is not null) { } }, TestContext.Current.CancellationToken);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            string once = await link.Task.WaitAsync(CommandTimeout, TestContext.Current.CancellationToken);
            output.WriteLine($"qemu: edgeai demo --serve: the link after {clock.Elapsed.TotalSeconds:F1} s");
            var origin = new Uri(once).GetLeftPart(UriPartial.Authority);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
            // The one-time link sets the cookie and lands on the page.
            using (var page = await http.GetAsync(once, TestContext.Current.CancellationToken))
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
                Assert.Contains("<html", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            }
            using var anonymous = new HttpClient();
            using (var refused = await anonymous.GetAsync(origin + "/api/health", TestContext.Current.CancellationToken))
                Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
            string token = File.ReadAllText(Path.Combine(dir.Path, "hmi.token")).Trim();
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            string health = await http.GetStringAsync(origin + "/api/health", TestContext.Current.CancellationToken);
            Assert.Contains("\"hmi\":{\"clients\":", health);
            // One step of the paused drive, answered once the drive has got there.
            using var step = await http.PostAsync(origin + "/api/clock", new StringContent("{\"action\":\"step\",\"seconds\":5}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            string clockState = await step.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(step.StatusCode == System.Net.HttpStatusCode.OK, clockState);
            Assert.Contains("\"paused\":true", clockState);
            output.WriteLine($"qemu: served the page, health and a clock step in {clock.Elapsed.TotalSeconds:F1} s: {clockState}");
        }
        finally
        {
            if (!process.HasExited)
            {
                System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
                if (!process.WaitForExit(TimeSpan.FromSeconds(60))) process.Kill(entireProcessTree: true);
            }
        }
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
