namespace EdgeAI.Inference.Models;

/// <summary>A model's files in the cache.</summary>
public enum ModelState
{
    /// <summary>Every file is present and matches its hash.</summary>
    Cached,
    /// <summary>At least one file is absent.</summary>
    Missing,
    /// <summary>A file is present but its hash differs (partial download, edited, damaged), or it is not a regular file (a link loop, a pipe).</summary>
    Corrupt,
}
