using System.Formats.Tar;
using System.IO.Compression;

namespace EdgeAI.Inference.Models;

/// <summary>
/// Moves a model cache between machines without network or Node (cars): <see cref="Export"/> packs the cached models and
/// the manifest into one tarball; <see cref="Import"/> installs a tarball or folder after checking every file against
/// the embedded manifest. A file that does not match is refused, named, and nothing from that import is installed.
/// </summary>
public static class ModelArchive
{
    /// <summary>The manifest's name inside an export.</summary>
    public const string ManifestName = "manifest.json";

    /// <summary>Writes <c>manifest.json</c> and every cached, verified model as <c>&lt;id&gt;/&lt;file&gt;</c> into <paramref name="output"/> (.tar or .tar.gz).</summary>
    /// <returns>The models written.</returns>
    public static IReadOnlyList<ModelEntry> Export(ModelCache cache, string output)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var models = cache.Manifest.Models.Where(m => cache.GetState(m) == ModelState.Cached).ToList();
        string full = Path.GetFullPath(output);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".part";
        try
        {
            using (var file = File.Create(temp))
            using (var stream = IsGzip(full) ? new GZipStream(file, CompressionLevel.Optimal) : (Stream)file)
            using (var writer = new TarWriter(stream, TarEntryFormat.Pax))
            {
                var manifest = new PaxTarEntry(TarEntryType.RegularFile, ManifestName)
                {
                    DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ModelManifest.DefaultText())),
                };
                writer.WriteEntry(manifest);
                foreach (var model in models)
                    foreach (var f in model.Files)
                        writer.WriteEntry(cache.FilePath(model, f), $"{model.Id}/{f.Name}");
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            // A full disk or a folder that refuses the file: leave nothing half-written behind (an older export stays).
            File.Delete(temp);
            throw;
        }
        return models;
    }

    /// <summary>Installs the models in <paramref name="source"/> (an export tarball, .tar or .tar.gz, or a folder laid out <c>&lt;id&gt;/&lt;file&gt;</c>).</summary>
    /// <returns>The models whose files were all present and are now installed.</returns>
    /// <exception cref="FileNotFoundException">the source does not exist.</exception>
    /// <exception cref="InvalidDataException">a file does not match the manifest (named), or the tarball is damaged; nothing is installed.</exception>
    public static IReadOnlyList<ModelEntry> Import(ModelCache cache, string source)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var staged = new List<(ModelEntry Model, ModelFile File, string Temp)>();
        try
        {
            if (Directory.Exists(source))
            {
                foreach (var model in cache.Manifest.Models)
                    foreach (var f in model.Files)
                    {
                        string path = Path.Combine(source, model.Id, f.Name);
                        if (!File.Exists(path)) continue;
                        using var stream = File.OpenRead(path);
                        staged.Add((model, f, cache.Stage(model, f, stream, source)));
                    }
            }
            else if (File.Exists(source))
            {
                var files = cache.Manifest.Models.SelectMany(m => m.Files.Select(f => (Model: m, File: f)))
                    .ToDictionary(x => $"{x.Model.Id}/{x.File.Name}", StringComparer.Ordinal);
                using var file = File.OpenRead(source);
                using var stream = IsGzip(source) || LooksGzipped(file) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
                using var reader = new TarReader(stream);
                try
                {
                    while (reader.GetNextEntry() is { } entry)
                    {
                        string name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
                        if (entry.DataStream is null || !files.TryGetValue(name, out var target)) continue;
                        staged.Add((target.Model, target.File, cache.Stage(target.Model, target.File, entry.DataStream, source)));
                    }
                }
                catch (Exception e) when (e is FormatException or EndOfStreamException)
                {
                    throw new InvalidDataException($"{source}: not a readable model tarball ({e.Message})", e);
                }
            }
            else
            {
                throw new FileNotFoundException($"{source}: no such tarball or folder", source);
            }
        }
        catch
        {
            foreach (var s in staged) File.Delete(s.Temp);
            // Folders this import created stay behind empty otherwise.
            foreach (var model in cache.Manifest.Models)
            {
                string dir = Path.Combine(cache.Root, model.Id);
                if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
            }
            throw;
        }
        foreach (var s in staged) cache.Commit(s.Model, s.File, s.Temp);
        return [.. staged.Select(s => s.Model).Distinct().Where(m => cache.GetState(m) == ModelState.Cached)];
    }

    private static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    private static bool LooksGzipped(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        int n = file.Read(magic);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }
}
