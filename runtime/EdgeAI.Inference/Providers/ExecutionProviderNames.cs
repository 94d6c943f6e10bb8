namespace EdgeAI.Inference.Providers;

/// <summary>The names users write for providers (<c>--providers tensorrt,cuda,cpu</c>, <c>Inference:Providers</c>).</summary>
public static class ExecutionProviderNames
{
    /// <summary>Every known name, in the order a plan usually tries them.</summary>
    public static IReadOnlyList<string> Known { get; } = ["tensorrt", "cuda", "qnn", "cpu"];

    /// <summary>The user-facing name of <paramref name="provider"/>.</summary>
    public static string Name(ExecutionProvider provider) => provider switch
    {
        ExecutionProvider.TensorRT => "tensorrt",
        ExecutionProvider.Cuda => "cuda",
        ExecutionProvider.Qnn => "qnn",
        _ => "cpu",
    };

    /// <summary>Parses one name, case-insensitively.</summary>
    /// <exception cref="UnknownExecutionProviderException">the name is not one of <see cref="Known"/>.</exception>
    public static ExecutionProvider Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "tensorrt" or "trt" => ExecutionProvider.TensorRT,
        "cuda" => ExecutionProvider.Cuda,
        "qnn" => ExecutionProvider.Qnn,
        "cpu" => ExecutionProvider.Cpu,
        _ => throw new UnknownExecutionProviderException(name),
    };

    /// <summary>Parses a comma-separated list (<c>tensorrt,cuda,cpu</c>); empty means CPU only.</summary>
    /// <exception cref="UnknownExecutionProviderException">a name is not known.</exception>
    public static IReadOnlyList<ExecutionProvider> ParseList(string? list)
    {
        if (string.IsNullOrWhiteSpace(list)) return [ExecutionProvider.Cpu];
        return ParseList(list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Parses names as they come from configuration; empty means CPU only.</summary>
    /// <exception cref="UnknownExecutionProviderException">a name is not known.</exception>
    public static IReadOnlyList<ExecutionProvider> ParseList(IEnumerable<string> names)
    {
        var parsed = new List<ExecutionProvider>();
        foreach (var name in names)
        {
            var provider = Parse(name);
            if (!parsed.Contains(provider)) parsed.Add(provider);
        }
        return parsed.Count == 0 ? [ExecutionProvider.Cpu] : parsed;
    }
}
