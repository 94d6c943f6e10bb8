using EdgeAI.Cli.Commands;
using EdgeAI.Inference.Models;
using EdgeAI.Inference.Running;
using EdgeAI.TestKit;

namespace EdgeAI.Inference.Tests.Models;

public sealed class ManifestTests
{
    private static readonly string[] Expected =
        ["blazeface-front", "blazeface-back", "silero-vad", "oww-melspectrogram", "oww-embedding", "oww-hey-jarvis", "qwen3-tokenizer", "sumo-adlershof", "osm-three-rivers"];

    [Fact]
    public void Default_IsTheRepositoryManifest()
    {
        using var file = File.OpenRead(RepoPaths.Get("models", "manifest.json"));
        var onDisk = ModelManifest.Read(file, "models/manifest.json");
        Assert.Equal(onDisk.Models.Select(m => m.Id), ModelManifest.Default.Models.Select(m => m.Id));
    }

    [Fact]
    public void Default_HasEveryArchitectureModelWithSourceHashLicenseAndTensors()
    {
        var manifest = ModelManifest.Default;
        Assert.Equal(manifest.Models.Count, manifest.Models.Select(m => m.Id).Distinct().Count());
        foreach (var id in Expected) Assert.Contains(manifest.Models, m => m.Id == id);
        foreach (var m in manifest.Models)
        {
            Assert.False(string.IsNullOrEmpty(m.Task), m.Id);
            Assert.False(string.IsNullOrEmpty(m.License), m.Id);
            Assert.False(string.IsNullOrEmpty(m.Preprocessing), m.Id);
            // Debian sources are never pinned to a version (the .deb changes with every point release); their files are.
            if (m.Source.IsDeb) Assert.True(string.IsNullOrEmpty(m.Source.Version), m.Id);
            else Assert.Matches(@"^\d+\.\d+\.\d+$", m.Source.Version);
            Assert.All(m.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
            Assert.All(m.Files, f => Assert.True(f.Size > 0, m.Id));
            if (m.IsOnnx)
            {
                Assert.NotEmpty(m.Inputs);
                Assert.NotEmpty(m.Outputs);
            }
        }
    }

    [Fact]
    public void Default_NonCommercialModelsRequireAcceptance()
    {
        foreach (var m in ModelManifest.Default.Models)
            Assert.Equal(m.License.Contains("-NC", StringComparison.Ordinal), m.RequiresLicenseAcceptance);
        Assert.True(ModelManifest.Default.Get("oww-hey-jarvis").RequiresLicenseAcceptance);
        Assert.False(ModelManifest.Default.Get("oww-embedding").RequiresLicenseAcceptance);
    }

    [Fact]
    public void Default_TensorsMatchTheRealModels()
    {
        int checkedModels = 0;
        foreach (var m in ModelManifest.Default.Models.Where(m => m.IsOnnx && SharedModels.Cache.GetState(m) == ModelState.Cached))
        {
            using var runner = ModelRunner.Load(SharedModels.Cache, m.Id, prepareWarmUp: r =>
            {
                for (int i = 0; i < r.Inputs.Count; i++)
                    if (r.Inputs[i].Name == "sr") r.Input<long>(i)[0] = 16000;
            });
            Assert.Empty(ModelsVerifyCommand.CompareWithManifest(m, runner));
            checkedModels++;
        }
        if (checkedModels == 0) Assert.Skip($"no ONNX model in {SharedModels.Cache.Root}; run: edgeai models fetch");
    }

    [Fact]
    public void Read_EntryWithoutHash_IsRejectedNamingIt()
    {
        using var json = new MemoryStream("""{"schema":1,"models":[{"id":"x","source":{"package":"p","version":"1.0.0"},"files":[{"path":"package/a","name":"a","sha256":"12"}]}]}"""u8.ToArray());
        var e = Assert.Throws<InvalidDataException>(() => ModelManifest.Read(json, "m.json"));
        Assert.Contains("model 'x'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DebianSource_IsParsedWithExtractedFilePaths()
    {
        using var json = new MemoryStream("""{"schema":1,"models":[{"id":"sumo-x","format":"data","source":{"deb":"sumo-tools"},"files":[{"path":"usr/share/sumo/tools/game/DRT/osm.net.xml","name":"osm.net.xml","sha256":"dcc30bd0cb98d30ac04f12f49d62bfcb91e056f632aea9c505f1b5a0dccef638","size":5382178}]}]}"""u8.ToArray());
        var m = ModelManifest.Read(json, "m.json").Get("sumo-x");
        Assert.True(m.Source.IsDeb);
        Assert.Equal("sumo-tools", m.Source.Deb);
        Assert.Equal("deb:sumo-tools", m.Source.Spec);
        Assert.Equal("usr/share/sumo/tools/game/DRT/osm.net.xml", m.Files[0].Path);
        Assert.False(m.IsOnnx);
    }

    [Fact]
    public void Read_SourceWithBothDebAndNpmPackage_IsRejectedNamingIt()
    {
        using var json = new MemoryStream("""{"schema":1,"models":[{"id":"both","source":{"deb":"sumo-tools","package":"p","version":"1.0.0"},"files":[{"path":"a","name":"a","sha256":"dcc30bd0cb98d30ac04f12f49d62bfcb91e056f632aea9c505f1b5a0dccef638"}]}]}"""u8.ToArray());
        var e = Assert.Throws<InvalidDataException>(() => ModelManifest.Read(json, "m.json"));
        Assert.Contains("model 'both'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_DemoRegionComesFromSumoToolsIntoSumoAdlershof()
    {
        var m = ModelManifest.Default.Get("sumo-adlershof");
        Assert.Equal("sumo-tools", m.Source.Deb);
        Assert.Equal(["osm.net.xml", "drt.pois.xml", "VW_ID3.xml", "rilsa1_tls.add.xml", "rilsa2_tls.add.xml", "rilsa3_tls.add.xml", "rilsa4_tls.add.xml"],
            m.Files.Select(f => f.Name));
        Assert.All(m.Files, f => Assert.StartsWith("usr/share/sumo/", f.Path, StringComparison.Ordinal));
        Assert.Contains("ODbL", m.License, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_SherpaOnnxIsANativeLibraryPerPlatformInItsOwnFolder()
    {
        foreach (var platform in new[] { "linux-x64", "linux-arm64" })
        {
            var m = ModelManifest.Default.Get("sherpa-onnx-" + platform);
            Assert.Equal("native-library", m.Task);
            Assert.False(m.IsOnnx);
            Assert.Equal(platform, m.Platform);
            Assert.Equal($"sherpa-onnx-{platform}@1.13.8", m.Source.Spec);
            Assert.Equal(["libsherpa-onnx-c-api.so", "libonnxruntime.so"], m.Files.Select(f => f.Name));
            Assert.StartsWith("Apache-2.0", m.License, StringComparison.Ordinal);
            Assert.False(m.RequiresLicenseAcceptance);
            // Only the extracted libraries are hashed, each in <cache>/<id>/: never beside ONNX Runtime 1.31.1.
            var cache = new ModelCache("/cache");
            Assert.All(m.Files, f => Assert.Equal($"/cache/sherpa-onnx-{platform}/{f.Name}", cache.FilePath(m, f)));
        }
        Assert.Equal(ModelEntry.CurrentPlatform == "linux-x64", ModelManifest.Default.Get("sherpa-onnx-linux-x64").IsForThisMachine);
        Assert.Equal(ModelEntry.CurrentPlatform == "linux-arm64", ModelManifest.Default.Get("sherpa-onnx-linux-arm64").IsForThisMachine);
        Assert.True(ModelManifest.Default.Get("silero-vad").IsForThisMachine);
    }
}
