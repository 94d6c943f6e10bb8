namespace EdgeAI.Inference.Providers;

/// <summary>Every provider in the plan failed; the message lists each reason.</summary>
public sealed class NoExecutionProviderException(string modelId, IReadOnlyList<ProviderFailure> failures)
    : InvalidOperationException($"model {modelId}: no execution provider could load it ({string.Join("; ", failures)}); add cpu to --providers or Inference:Providers")
{
    /// <summary>The reasons, in the order tried.</summary>
    public IReadOnlyList<ProviderFailure> Failures { get; } = failures;
}
