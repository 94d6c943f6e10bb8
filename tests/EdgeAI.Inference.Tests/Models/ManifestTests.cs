using EdgeAI.Cli.Commands;
using EdgeAI.Inference.Models;
using EdgeAI.Inference.Running;
using EdgeAI.TestKit;

namespace EdgeAI.Inference.Tests.Models;

public sealed class ManifestTests
{
    private static readonly string[] Expected =
        ["blazeface-front", "blazeface-back", "silero-vad", "oww-melspectrogram", "oww-embedding", "oww-hey-jarvis", "qwen3-tokenizer"];

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
            Assert.Matches(@"^\d+\.\d+\.\d+$", m.Source.Version);
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
}
