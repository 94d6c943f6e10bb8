using System.Formats.Tar;
using System.IO.Compression;
using EdgeAI.Inference.Models;
using EdgeAI.TestKit;

namespace EdgeAI.Inference.Tests.Models;

public sealed class ModelArchiveTests
{
    private static List<ModelEntry> RequireSomeCached()
    {
        var cached = SharedModels.Cache.Manifest.Models.Where(m => SharedModels.Cache.GetState(m) == ModelState.Cached).ToList();
        if (cached.Count == 0) Assert.Skip($"no model in {SharedModels.Cache.Root}; run: edgeai models fetch");
        return cached;
    }

    [Theory]
    [InlineData("models.tar.gz")]
    [InlineData("models.tar")]
    public void ExportThenImport_IntoFreshCache_InstallsIdenticalVerifiedFiles(string name)
    {
        var cached = RequireSomeCached();
        using var dir = new TempDirectory();
        string tarball = dir.File(name);
        var exported = ModelArchive.Export(SharedModels.Cache, tarball);
        Assert.Equal(cached.Select(m => m.Id), exported.Select(m => m.Id));

        var fresh = new ModelCache(dir.File("cache"));
        var imported = ModelArchive.Import(fresh, tarball);
        Assert.Equal(cached.Select(m => m.Id), imported.Select(m => m.Id));
        foreach (var m in cached)
            foreach (var f in m.Files)
                Assert.Equal(File.ReadAllBytes(SharedModels.Cache.FilePath(m, f)), File.ReadAllBytes(fresh.FilePath(m, f)));
    }

    [Fact]
    public void Import_TarballWithTamperedFile_IsRefusedNamingItAndInstallsNothing()
    {
        var cached = RequireSomeCached();
        if (!cached.Any(m => m.Id == "blazeface-front")) Assert.Skip("blazeface-front is not cached; run: edgeai models fetch");
        using var dir = new TempDirectory();
        string good = dir.File("good.tar"), bad = dir.File("bad.tar.gz");
        ModelArchive.Export(SharedModels.Cache, good);
        // Rewrite the export with one byte of BlazeFace changed.
        using (var input = File.OpenRead(good))
        using (var reader = new TarReader(input))
        using (var output = new GZipStream(File.Create(bad), CompressionLevel.Fastest))
        using (var writer = new TarWriter(output, TarEntryFormat.Pax))
        {
            while (reader.GetNextEntry(copyData: true) is { } entry)
            {
                if (entry.Name.StartsWith("blazeface-front/", StringComparison.Ordinal))
                {
                    var data = new MemoryStream();
                    entry.DataStream!.CopyTo(data);
                    data.GetBuffer()[5000] ^= 1;
                    data.Position = 0;
                    entry.DataStream = data;
                }
                writer.WriteEntry(entry);
            }
        }
        var fresh = new ModelCache(dir.File("cache"));
        var e = Assert.Throws<InvalidDataException>(() => ModelArchive.Import(fresh, bad));
        Assert.StartsWith($"{bad}: blazeface-front/face_detection_front_128x128_barracuda.onnx does not match models/manifest.json", e.Message, StringComparison.Ordinal);
        Assert.All(fresh.Manifest.Models, m => Assert.Equal(ModelState.Missing, fresh.GetState(m)));
        Assert.Empty(Directory.Exists(fresh.Root) ? Directory.EnumerateFileSystemEntries(fresh.Root, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public void Import_Folder_InstallsVerifiedFiles()
    {
        var cached = RequireSomeCached();
        using var dir = new TempDirectory();
        var fresh = new ModelCache(dir.Path);
        var imported = ModelArchive.Import(fresh, SharedModels.Cache.Root);
        Assert.Equal(cached.Select(m => m.Id), imported.Select(m => m.Id));
    }

    [Fact]
    public void Import_NotATarball_IsInvalidData()
    {
        using var dir = new TempDirectory();
        string junk = dir.File("models.tar.gz");
        File.WriteAllBytes(junk, [0x1f, 0x8b, 8, 0, 1, 2, 3]);
        Assert.ThrowsAny<Exception>(() => ModelArchive.Import(new ModelCache(dir.File("cache")), junk));
    }
}
