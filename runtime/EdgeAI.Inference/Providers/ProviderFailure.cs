namespace EdgeAI.Inference.Providers;

/// <summary>A provider the plan tried and skipped, with ONNX Runtime's reason in one line.</summary>
/// <param name="Provider">The provider that failed.</param>
/// <param name="Reason">Why, as ONNX Runtime or the loader said it.</param>
public sealed record ProviderFailure(ExecutionProvider Provider, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"{ExecutionProviderNames.Name(Provider)} unavailable: {Reason}";
}
