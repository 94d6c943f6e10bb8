using EdgeAI.Inference.Models;

namespace EdgeAI.Host.Models;

/// <summary>What <see cref="ModelFetcher"/> did for one model.</summary>
/// <param name="Model">The model.</param>
/// <param name="Status">cached (nothing downloaded), fetched, skipped (license not accepted) or failed.</param>
/// <param name="Detail">For skipped and failed: why, and what to do.</param>
public sealed record FetchOutcome(ModelEntry Model, FetchStatus Status, string? Detail = null);
