namespace EdgeAI.Inference.Models;

/// <summary>One file of a model: its path inside the package tarball, its name in the cache, and its hash.</summary>
public sealed class ModelFile
{
    /// <summary>Path inside the package (npm tarball: <c>package/ONNX/x.onnx</c>; Debian package: <c>usr/share/...</c>).</summary>
    public string Path { get; init; } = "";
    /// <summary>File name in the cache folder <c>&lt;cache&gt;/&lt;id&gt;/</c>.</summary>
    public string Name { get; init; } = "";
    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public string Sha256 { get; init; } = "";
    /// <summary>Size in bytes.</summary>
    public long Size { get; init; }
}
