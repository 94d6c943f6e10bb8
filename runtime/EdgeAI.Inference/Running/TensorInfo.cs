namespace EdgeAI.Inference.Running;

/// <summary>One bound tensor of a <see cref="ModelRunner"/>: its name, the fixed shape it is bound with, and its element type.</summary>
/// <param name="Name">The model's tensor name.</param>
/// <param name="Shape">The shape bound (symbolic dimensions resolved).</param>
/// <param name="ElementType">The CLR element type (float, long, int, ...).</param>
public sealed record TensorInfo(string Name, long[] Shape, Type ElementType)
{
    /// <summary>Elements in the tensor.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, d) => a * d);

    /// <summary><c>name [1,128,128,3] float32</c>.</summary>
    public override string ToString() => $"{Name} [{string.Join(',', Shape)}] {ElementTypeName}";

    /// <summary>The ONNX name of the element type (float32, int64, ...).</summary>
    public string ElementTypeName => OnnxName(ElementType);

    internal static string OnnxName(Type type) => type == typeof(float) ? "float32" : type == typeof(long) ? "int64"
        : type == typeof(int) ? "int32" : type == typeof(double) ? "float64" : type == typeof(bool) ? "bool" : type == typeof(byte) ? "uint8" : type.Name;
}
