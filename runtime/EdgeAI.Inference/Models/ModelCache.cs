using System.Security.Cryptography;

namespace EdgeAI.Inference.Models;

/// <summary>
/// The model cache (<c>EDGEAI_MODELS</c>, default <c>~/.cache/edgeai/models</c>), laid out as
/// <c>&lt;root&gt;/&lt;id&gt;/&lt;file&gt;</c>. Files are checked against the manifest's SHA-256 whenever they are handed out,
/// and written atomically (temporary file, hash check, rename), so a reader never sees half a model.
/// </summary>
public sealed class ModelCache
{
    /// <summary>The environment variable naming the cache folder.</summary>
    public const string EnvironmentVariable = "EDGEAI_MODELS";

    /// <summary>A cache at <paramref name="root"/> (null: <see cref="DefaultRoot"/>) checked against <paramref name="manifest"/> (null: the embedded one).</summary>
    public ModelCache(string? root = null, ModelManifest? manifest = null)
    {
        Root = Path.GetFullPath(root ?? DefaultRoot);
        Manifest = manifest ?? ModelManifest.Default;
    }

    /// <summary><c>EDGEAI_MODELS</c>, else <c>~/.cache/edgeai/models</c>.</summary>
    public static string DefaultRoot => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edgeai", "models");

    /// <summary>The cache folder.</summary>
    public string Root { get; }
    /// <summary>The manifest the files are checked against.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>Where <paramref name="file"/> of <paramref name="model"/> lives (whether or not it is there).</summary>
    public string FilePath(ModelEntry model, ModelFile file) => Path.Combine(Root, model.Id, file.Name);

    /// <summary>The verified path of model <paramref name="id"/>'s first file (the .onnx).</summary>
    /// <exception cref="KeyNotFoundException">the id is not in the manifest.</exception>
    /// <exception cref="ModelNotAvailableException">a file is missing or its hash differs: the message names the model, the path and <c>edgeai models fetch</c>.</exception>
    public string GetPath(string id)
    {
        var model = Manifest.Get(id);
        Require(model);
        return FilePath(model, model.Files[0]);
    }

    /// <summary>The verified folder holding every file of model <paramref name="id"/> (a tokenizer's json files).</summary>
    /// <exception cref="KeyNotFoundException">the id is not in the manifest.</exception>
    /// <exception cref="ModelNotAvailableException">a file is missing or corrupt.</exception>
    public string GetDirectory(string id)
    {
        var model = Manifest.Get(id);
        Require(model);
        return Path.Combine(Root, model.Id);
    }

    /// <summary>The state of <paramref name="model"/>'s files (hashes every present file).</summary>
    public ModelState GetState(ModelEntry model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var state = ModelState.Cached;
        foreach (var file in model.Files)
        {
            var s = GetState(model, file);
            if (s == ModelState.Corrupt) return s;
            if (s == ModelState.Missing) state = s;
        }
        return state;
    }

    /// <summary>The state of one file.</summary>
    public ModelState GetState(ModelEntry model, ModelFile file)
    {
        string path = FilePath(model, file);
        // Never open what is not a regular file: a pipe would block the read forever, a link loop throws.
        var kind = EdgeAI.IO.FileIdentity.Of(path).Kind;
        if (kind == EdgeAI.IO.FileKind.Missing) return ModelState.Missing;
        if (kind != EdgeAI.IO.FileKind.Regular) return ModelState.Corrupt;
        using var stream = File.OpenRead(path);
        return stream.Length == file.Size && Hash(stream) == file.Sha256 ? ModelState.Cached : ModelState.Corrupt;
    }

    /// <summary>
    /// Copies <paramref name="content"/> into the cache as <paramref name="file"/> of <paramref name="model"/>: written to a
    /// temporary file, hashed, then renamed over the old one. Content that does not match the manifest is refused and
    /// nothing in the cache changes.
    /// </summary>
    /// <param name="model">The model the file belongs to.</param>
    /// <param name="file">The manifest's record of the file.</param>
    /// <param name="content">The bytes, read to the end.</param>
    /// <param name="origin">Where the content came from, for the message (a tarball path, a package spec).</param>
    /// <exception cref="InvalidDataException">the content's hash or size differs from the manifest.</exception>
    public void Install(ModelEntry model, ModelFile file, Stream content, string origin)
    {
        string temp = Stage(model, file, content, origin);
        Commit(model, file, temp);
    }

    /// <summary>First half of <see cref="Install"/>: writes and checks a temporary file next to the target; returns its path.</summary>
    internal string Stage(ModelEntry model, ModelFile file, Stream content, string origin)
    {
        string dir = Path.Combine(Root, model.Id);
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, $".{file.Name}.{Environment.ProcessId}.{Guid.NewGuid():N}.part");
        try
        {
            string hash;
            long size;
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                int n;
                while ((n = content.Read(buffer)) > 0)
                {
                    sha.AppendData(buffer, 0, n);
                    output.Write(buffer, 0, n);
                }
                output.Flush(flushToDisk: true);
                size = output.Length;
                hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            }
            if (hash != file.Sha256 || size != file.Size)
                throw new InvalidDataException($"{origin}: {model.Id}/{file.Name} does not match models/manifest.json (sha256 {hash}, {size} B; expected {file.Sha256}, {file.Size} B): refused");
            return temp;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Second half of <see cref="Install"/>: renames a staged file into place.</summary>
    internal void Commit(ModelEntry model, ModelFile file, string staged) => File.Move(staged, FilePath(model, file), overwrite: true);

    private void Require(ModelEntry model)
    {
        foreach (var file in model.Files)
        {
            var state = GetState(model, file);
            if (state != ModelState.Cached) throw new ModelNotAvailableException(model.Id, FilePath(model, file), state);
        }
    }

    /// <summary>Lower-case hex SHA-256 of a stream's remaining content.</summary>
    public static string Hash(Stream stream) => Convert.ToHexStringLower(SHA256.HashData(stream));
}
