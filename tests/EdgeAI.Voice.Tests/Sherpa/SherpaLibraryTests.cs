using EdgeAI.Inference.Models;
using EdgeAI.TestKit;
using EdgeAI.Voice.Sherpa;

namespace EdgeAI.Voice.Tests.Sherpa;

/// <summary>sherpa-onnx's library from its own cache folder, next to ONNX Runtime 1.31.1 in the same process.</summary>
public sealed class SherpaLibraryTests
{
    /// <summary>Loads sherpa-onnx from the default cache, or skips with the cache's own message.</summary>
    internal static void LoadOrSkip()
    {
        try
        {
            SherpaLibrary.Load(SharedModels.Cache);
        }
        catch (ModelNotAvailableException e)
        {
            throw Xunit.Sdk.SkipException.ForSkip(e.Message);
        }
    }

    [Fact]
    public void Load_WithOnnxRuntime131Loaded_BindsItsOwnRuntimeFromItsOwnFolder()
    {
        using (var silero = SharedModels.LoadSilero()) { }   // ONNX Runtime 1.31.1 is in the process before sherpa
        LoadOrSkip();
        string dir = Path.Combine(SharedModels.Cache.Root, "sherpa-onnx-" + ModelEntry.CurrentPlatform);
        Assert.Equal(dir, SherpaLibrary.Directory);
        Assert.Equal("1.13.8", SherpaLibrary.Version);
        Assert.Equal("1.28.2", SherpaLibrary.OnnxRuntimeVersion);
        Assert.Equal("1.31.1", Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString());
        var runtimes = File.ReadLines("/proc/self/maps").Select(l => l.IndexOf('/', StringComparison.Ordinal) is int i and >= 0 ? l[i..] : "")
            .Where(p => Path.GetFileName(p).StartsWith("libonnxruntime.so", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Contains(Path.Combine(dir, "libonnxruntime.so"), runtimes);
        Assert.Contains(runtimes, p => !p.StartsWith(dir, StringComparison.Ordinal));
        Assert.Equal(2, runtimes.Count);
        Assert.NotNull(EdgeAI.Inference.Native.OrtNativeLibrary.LoadedPath());
        Assert.False(EdgeAI.Inference.Native.OrtNativeLibrary.LoadedPath()!.StartsWith(dir, StringComparison.Ordinal));   // the diagnostics name 1.31.1
    }

    [Fact]
    public void Locate_NotFetched_OneLineNamingTheEntryAndFetch()
    {
        using var empty = new TempDirectory();
        var e = Assert.Throws<ModelNotAvailableException>(() => SherpaLibrary.Locate(new ModelCache(empty.Path)));
        Assert.Equal($"{Path.Combine(empty.Path, SherpaLibrary.ModelId, "libsherpa-onnx-c-api.so")}: model {SherpaLibrary.ModelId} is not in the model cache; run: edgeai models fetch", e.Message);
        Assert.IsAssignableFrom<FileNotFoundException>(e);   // the CLI's bad input: exit code 2
    }

    [Fact]
    public void Locate_DamagedLibrary_RefusedAsCorrupt()
    {
        using var cache = new TempDirectory();
        var c = new ModelCache(cache.Path);
        var entry = c.Manifest.Get(SherpaLibrary.ModelId);
        Directory.CreateDirectory(Path.Combine(cache.Path, entry.Id));
        foreach (var f in entry.Files) File.WriteAllText(c.FilePath(entry, f), "not a library");
        var e = Assert.Throws<ModelNotAvailableException>(() => SherpaLibrary.Locate(c));
        Assert.Contains("is corrupt", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
