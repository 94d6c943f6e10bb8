using EdgeAI.Inference.Models;

namespace EdgeAI.Inference.Running;

/// <summary>How a <see cref="ModelRunner"/> binds a model whose shapes are not all fixed.</summary>
public sealed class RunnerOptions
{
    /// <summary>Shapes for tensors with symbolic dimensions, by name. A symbolic dimension of a tensor not listed here
    /// makes the load fail, unless <see cref="BindSymbolicDimensionsAsOne"/> is set.</summary>
    public IDictionary<string, long[]> Shapes { get; } = new Dictionary<string, long[]>(StringComparer.Ordinal);

    /// <summary>Binds symbolic dimensions of tensors not in <see cref="Shapes"/> as 1 (a batch of one), and lists each in
    /// <see cref="ModelRunner.AssumedDimensions"/>; false (the default) refuses such a model, naming the tensor.</summary>
    public bool BindSymbolicDimensionsAsOne { get; set; }

    /// <summary>Fills inputs before the warm-up runs (e.g. a sample rate the model checks); null leaves zeros.</summary>
    public Action<ModelRunner>? PrepareWarmUp { get; set; }

    /// <summary>Options whose shapes are the manifest's fully known input and output shapes for <paramref name="model"/>.</summary>
    public static RunnerOptions FromManifest(ModelEntry model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var options = new RunnerOptions();
        foreach (var spec in model.Inputs.Concat(model.Outputs))
            if (spec.Shape.All(d => d >= 0)) options.Shapes[spec.Name] = spec.Shape;
        return options;
    }

    /// <summary>The clock the latency histogram reads.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
