using System.Text.Json;

namespace EdgeAI.Inference.Models;

/// <summary>
/// <c>models/manifest.json</c>: every model EdgeAI uses, where it comes from, its hash and license. The repository's
/// manifest is embedded in this assembly (<see cref="Default"/>), so the hashes a cache is checked against travel with
/// the code, never with the files being checked.
/// </summary>
public sealed class ModelManifest
{
    private static readonly Lazy<ModelManifest> Embedded = new(() =>
    {
        using var stream = typeof(ModelManifest).Assembly.GetManifestResourceStream("EdgeAI.Inference.Models.manifest.json")
            ?? throw new InvalidOperationException("the embedded models/manifest.json is missing from EdgeAI.Inference");
        return Read(stream, "models/manifest.json");
    });

    /// <summary>The manifest format version.</summary>
    public int Schema { get; init; }
    /// <summary>The models.</summary>
    public IReadOnlyList<ModelEntry> Models { get; init; } = [];

    /// <summary>The repository's manifest, embedded at build time.</summary>
    public static ModelManifest Default => Embedded.Value;

    /// <summary>The embedded manifest's text (written into exported tarballs).</summary>
    public static string DefaultText()
    {
        using var stream = typeof(ModelManifest).Assembly.GetManifestResourceStream("EdgeAI.Inference.Models.manifest.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Reads a manifest.</summary>
    /// <exception cref="InvalidDataException">the JSON is malformed or an entry lacks an id, source or hash.</exception>
    public static ModelManifest Read(Stream json, string name)
    {
        ModelManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(json, ManifestJsonContext.Default.ModelManifest) ?? throw new InvalidDataException($"{name}: empty manifest");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name}: line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {e.Message}", e);
        }
        foreach (var m in manifest.Models)
        {
            bool sourceOk = m.Source.IsDeb
                ? string.IsNullOrEmpty(m.Source.Package) && string.IsNullOrEmpty(m.Source.Version)
                : !string.IsNullOrEmpty(m.Source.Package) && !string.IsNullOrEmpty(m.Source.Version);
            if (m.Id.Length == 0 || !sourceOk || m.Files.Count == 0
                || m.Files.Any(f => f.Sha256.Length != 64 || f.Name.Length == 0 || f.Path.Length == 0 || f.Name.Contains('/', StringComparison.Ordinal)))
                throw new InvalidDataException($"{name}: model '{m.Id}' needs id, a source (npm package and version, or a Debian deb), and files with path, name and sha256");
        }
        return manifest;
    }

    /// <summary>The entry with <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">no such model; the message lists the known ids.</exception>
    public ModelEntry Get(string id) => Models.FirstOrDefault(m => m.Id == id)
        ?? throw new KeyNotFoundException($"unknown model '{id}'; known: {string.Join(", ", Models.Select(m => m.Id))}");
}
