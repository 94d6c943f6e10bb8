namespace EdgeAI.Inference.Providers;

/// <summary>A provider name that is not one of <see cref="ExecutionProviderNames.Known"/>: bad input.</summary>
public sealed class UnknownExecutionProviderException(string name)
    : FormatException($"unknown execution provider '{name}'; known: {string.Join(", ", ExecutionProviderNames.Known)}")
{
    /// <summary>The name as written.</summary>
    public string ProviderName { get; } = name;
}
