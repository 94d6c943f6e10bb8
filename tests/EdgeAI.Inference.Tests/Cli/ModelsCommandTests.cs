using EdgeAI.Cli;
using EdgeAI.TestKit;

namespace EdgeAI.Inference.Tests.Cli;

public sealed class ModelsCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = Program.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void List_EmptyCache_ShowsEveryModelNotCachedWithLicense()
    {
        using var dir = new TempDirectory();
        var r = Run("models", "list", "--cache", dir.Path);
        Assert.Equal(0, r.Code);
        Assert.Matches(@"blazeface-front\s+face-detection\s+Apache-2.0\s+no\s+432 KiB", r.Out);
        Assert.Matches(@"oww-hey-jarvis\s+wake-word\s+CC-BY-NC-SA-4.0\*\s+no", r.Out);
    }

    [Fact]
    public void Verify_UnknownProvider_IsOneLineBadInput()
    {
        var r = Run("models", "verify", "--providers", "cuda,npu");
        Assert.Equal(2, r.Code);
        Assert.Equal("edgeai: --providers: unknown execution provider 'npu'; known: tensorrt, cuda, qnn, cpu", r.Err.Trim());
    }

    [Fact]
    public void Fetch_UnknownModelId_IsBadInput()
    {
        var r = Run("models", "fetch", "gpt-5");
        Assert.Equal(2, r.Code);
        Assert.Contains("unknown model 'gpt-5'", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_CachedFaceModel_PrintsProviderShapesAndTiming()
    {
        SharedModels.Require("blazeface-front");
        var r = Run("models", "verify", "blazeface-front", "--providers", "cuda,cpu", "--runs", "3");
        Assert.Equal(0, r.Code);
        Assert.Matches(@"blazeface-front: ok, provider (cpu \(cuda unavailable: .+\)|cuda), median \d+\.\d{3} ms over 3 runs", r.Out);
        Assert.Contains("in  input:0 [1,128,128,3] float32", r.Out, StringComparison.Ordinal);
        Assert.Contains("out Identity_3:0 [1,384,16] float32", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportImport_RoundTripThroughTheCommands_LeavesModelsCached()
    {
        SharedModels.Require("blazeface-front");
        using var dir = new TempDirectory();
        string tarball = dir.File("m.tar.gz");
        var export = Run("models", "export", tarball);
        Assert.Equal(0, export.Code);
        var import = Run("models", "import", tarball, "--cache", dir.File("car"));
        Assert.Equal(0, import.Code);
        Assert.Contains("blazeface-front: imported (sha256 ok)", import.Out, StringComparison.Ordinal);
        var list = Run("models", "list", "--cache", dir.File("car"));
        Assert.Matches(@"blazeface-front\s+face-detection\s+Apache-2.0\s+yes", list.Out);
    }

    [Fact]
    public void Import_MissingTarball_IsOneLineBadInput()
    {
        var r = Run("models", "import", "/nonexistent/models.tar.gz");
        Assert.Equal(2, r.Code);
        Assert.Equal("edgeai: /nonexistent/models.tar.gz: no such tarball or folder", r.Err.Trim());
    }
}
