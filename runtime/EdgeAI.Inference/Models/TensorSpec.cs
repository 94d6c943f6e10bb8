namespace EdgeAI.Inference.Models;

/// <summary>A model input or output as the manifest records it; negative dimensions are symbolic (any size).</summary>
public sealed class TensorSpec
{
    /// <summary>The tensor name.</summary>
    public string Name { get; init; } = "";
    /// <summary>The dimensions; -1 for a symbolic one.</summary>
    public long[] Shape { get; init; } = [];
    /// <summary>ONNX element type name (float32, int64, ...).</summary>
    public string Type { get; init; } = "";

    /// <inheritdoc/>
    public override string ToString() => $"{Name} [{string.Join(',', Shape)}] {Type}";
}
