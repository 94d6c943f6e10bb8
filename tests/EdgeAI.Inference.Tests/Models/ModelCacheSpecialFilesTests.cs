using EdgeAI.Inference.Models;
using EdgeAI.TestKit;

namespace EdgeAI.Inference.Tests.Models;

/// <summary>A cache entry that is not a regular file (a pipe, a link loop) is reported, never opened: no hang, no crash.</summary>
public sealed class ModelCacheSpecialFilesTests
{
    [Fact]
    public async Task GetState_FifoInPlaceOfTheModel_IsCorruptWithoutBlocking()
    {
        using var dir = new TempDirectory();
        var cache = new ModelCache(dir.Path);
        var model = cache.Manifest.Get("silero-vad");
        Directory.CreateDirectory(Path.GetDirectoryName(cache.FilePath(model, model.Files[0]))!);
        ExternalTool.Run("mkfifo", [cache.FilePath(model, model.Files[0])]);

        var state = await Task.Run(() => cache.GetState(model), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(ModelState.Corrupt, state);
        var e = Assert.Throws<ModelNotAvailableException>(() => cache.GetPath("silero-vad"));
        Assert.Contains("not a regular file", e.Message);
    }

    [Fact]
    public void GetState_SymlinkLoopInPlaceOfTheModel_IsCorrupt()
    {
        using var dir = new TempDirectory();
        var cache = new ModelCache(dir.Path);
        var model = cache.Manifest.Get("silero-vad");
        string path = cache.FilePath(model, model.Files[0]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path + ".b", path);
        File.CreateSymbolicLink(path, path + ".b");

        Assert.Equal(ModelState.Corrupt, cache.GetState(model));
    }

    [Fact]
    public void GetState_DanglingSymlink_IsMissing()
    {
        using var dir = new TempDirectory();
        var cache = new ModelCache(dir.Path);
        var model = cache.Manifest.Get("silero-vad");
        string path = cache.FilePath(model, model.Files[0]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, dir.File("nowhere"));

        Assert.Equal(ModelState.Missing, cache.GetState(model));
    }
}
