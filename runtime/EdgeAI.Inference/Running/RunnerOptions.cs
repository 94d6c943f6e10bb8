namespace EdgeAI.Inference.Running;

/// <summary>How a <see cref="ModelRunner"/> binds a model whose shapes are not all fixed.</summary>
public sealed class RunnerOptions
{
    /// <summary>Shapes for tensors with symbolic dimensions, by name; unlisted symbolic dimensions bind as 1.</summary>
    public IDictionary<string, long[]> Shapes { get; } = new Dictionary<string, long[]>(StringComparer.Ordinal);

    /// <summary>Fills inputs before the warm-up runs (e.g. a sample rate the model checks); null leaves zeros.</summary>
    public Action<ModelRunner>? PrepareWarmUp { get; set; }

    /// <summary>The clock the latency histogram reads.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
