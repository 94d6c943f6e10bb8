using System.Text.Json;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Published;

/// <summary>A published build works without the checkout: from another folder, with its assets beside it.</summary>
[Trait("Category", "Published")]
public sealed class PublishedBuildTests(PublishedBuild build) : IClassFixture<PublishedBuild>
{
    [Fact]
    public void Publish_IsOneNativeExecutableWithItsAssets()
    {
        byte[] head = new byte[4];
        using (var file = File.OpenRead(build.Executable)) file.ReadExactly(head);
        Assert.Equal("\u007fELF"u8.ToArray(), head);
        Assert.False(File.Exists(Path.Combine(build.Folder, "edgeai.dll")), "a Native AOT publish has no edgeai.dll");
        Assert.True(File.Exists(Path.Combine(build.Folder, "models", "dbc", "edgeai_demo.dbc")));
        Assert.True(File.Exists(Path.Combine(build.Folder, "models", "scenarios", "city-drive", "can.log.gz")));
        Assert.True(File.Exists(Path.Combine(build.Folder, "tools", "peers", "pycan_read.py")));
    }

    [Fact]
    public void Demo_FromAnotherFolder_ReplaysTheBundledDrive()
    {
        var (code, stdout, stderr) = build.Run("demo", "--speed", "max", "--plain");
        Assert.True(code == 0, stderr);
        Assert.Contains("drive: 611.0 s", stdout);
        Assert.Contains("283504 frames (283504 decoded)", stdout);
        Assert.Contains("3055 camera frames", stdout);
    }

    [Fact]
    public void Chat_FromAnotherFolder_StreamsFromTheTestModel()
    {
        string tokenizer = Path.Combine(new EdgeAI.Inference.Models.ModelCache().Root, "qwen3-tokenizer", "tokenizer.json");
        Assert.SkipWhen(!File.Exists(tokenizer), $"{tokenizer} missing: run ./edgeai models fetch qwen3-tokenizer (./test.sh does)");
        string model = build.Scratch("qwen3-test");
        var (made, _, makeErr) = build.Run("models", "make-test-llm", model);
        Assert.True(made == 0, makeErr);

        var (code, stdout, stderr) = build.Run("chat", "--model", model, "--prompt", "hi", "--json", "--max-new-tokens", "4");
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var done = JsonDocument.Parse(lines[^1]);
        Assert.Equal("done", done.RootElement.GetProperty("type").GetString());
        Assert.Equal(4, done.RootElement.GetProperty("new_tokens").GetInt32());
        Assert.Contains(lines, l => l.StartsWith("{\"type\":\"token\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Chat_WithoutModelFolder_UsesTheBundledDbcForItsTools()
    {
        // The vehicle tools read the bundled drive through the bundled DBC: the defect was a missing models/dbc path.
        var (code, stdout, stderr) = build.Run("chat", "--fallback", "--prompt", "what is my range?", "--json");
        Assert.True(code == 0, stderr);
        Assert.Contains("\"type\":\"done\"", stdout);
        Assert.DoesNotContain("Could not find", stderr);
    }

    [Fact]
    public void DoctorJson_UnderNativeAot_IsOneJsonDocument()
    {
        var (code, stdout, stderr) = build.Run("doctor", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var areas = doc.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("area").GetString()).ToList();
        Assert.Contains("ONNX Runtime", areas);
        Assert.Contains("OpenCV", areas);
    }

    [Fact]
    public void ParquetRoundTrip_UnderNativeAot_KeepsEveryFrame()
    {
        string parquet = build.Scratch("drive.parquet"), back = build.Scratch("back.log");
        var (c1, _, e1) = build.Run("can", "convert", RepoPaths.CityDriveLog, parquet);
        Assert.True(c1 == 0, e1);
        var (c2, _, e2) = build.Run("can", "convert", parquet, back);
        Assert.True(c2 == 0, e2);
        var (c3, original, e3) = build.Run("can", "convert", RepoPaths.CityDriveLog, build.Scratch("original.log"));
        Assert.True(c3 == 0, e3);
        Assert.Equal(File.ReadAllText(build.Scratch("original.log")), File.ReadAllText(back));
        Assert.Contains("303920 frames", original);
    }

    [Fact]
    public void Vision_UnderNativeAot_LoadsOpenCvAndTheModel()
    {
        Assert.SkipWhen(TestVideos.MissingReason is not null, TestVideos.MissingReason ?? "");
        string clip = TestVideos.FaceNoFaceFace(build.WorkingDirectory, faceSeconds: 1, noFaceSeconds: 1, faceAgainSeconds: 1);
        var (code, stdout, stderr) = build.Run("vision", clip, "--json");
        Assert.True(code == 0, stderr);
        var last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        using var summary = JsonDocument.Parse(last);
        Assert.True(summary.RootElement.GetProperty("summary").GetProperty("frames").GetInt32() > 0);
        Assert.Contains("\"faces\":[{", stdout);
    }
}
