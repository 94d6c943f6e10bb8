namespace EdgeAI.Inference.Providers;

/// <summary>What a provider plan settled on: the provider that runs the model and why the earlier ones did not.</summary>
/// <param name="Chosen">The provider the session runs on.</param>
/// <param name="Failures">The providers tried before it, in order, with their reasons.</param>
public sealed record ProviderChoice(ExecutionProvider Chosen, IReadOnlyList<ProviderFailure> Failures)
{
    /// <summary>The chosen provider's name (<c>cpu</c>, <c>cuda</c>, ...).</summary>
    public string Name => ExecutionProviderNames.Name(Chosen);

    /// <summary>One line for logs: <c>cpu (tensorrt unavailable: ...; cuda unavailable: ...)</c>.</summary>
    public override string ToString() => Failures.Count == 0 ? Name : $"{Name} ({string.Join("; ", Failures)})";
}
