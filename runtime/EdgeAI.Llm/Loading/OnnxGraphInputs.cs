using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace EdgeAI.Llm.Loading;

/// <summary>
/// Reads the element types of an ONNX model's graph inputs without materialising its weights as objects: the
/// ModelProto is walked tag by tag and only the graph's input records are parsed.
/// </summary>
internal static class OnnxGraphInputs
{
    private const int ModelGraphField = 7;
    private const int GraphInputField = 11;

    /// <summary>Input name to ONNX element type (TensorProto.DataType).</summary>
    public static Dictionary<string, int> ElementTypes(string modelPath)
    {
        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        using FileStream file = File.OpenRead(modelPath);
        var model = new CodedInputStream(file);
        uint tag;
        while ((tag = model.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) != ModelGraphField)
            {
                model.SkipLastField();
                continue;
            }

            // ReadBytes holds the graph once (all of it when the weights are inside); parse it in place, not from a copy.
            ReadOnlyMemory<byte> memory = model.ReadBytes().Memory;
            ArraySegment<byte> bytes = MemoryMarshal.TryGetArray(memory, out ArraySegment<byte> segment) ? segment : memory.ToArray();
            var graph = new CodedInputStream(bytes.Array!, bytes.Offset, bytes.Count);
            while ((tag = graph.ReadTag()) != 0)
            {
                if (WireFormat.GetTagFieldNumber(tag) != GraphInputField)
                {
                    graph.SkipLastField();
                    continue;
                }

                var input = new ValueInfoProto();
                graph.ReadMessage(input);
                if (input.Type?.TensorType is { } tensor)
                {
                    types[input.Name] = tensor.ElemType;
                }
            }
        }

        return types;
    }

    /// <summary>Bytes per element of an ONNX tensor type the KV cache can have.</summary>
    public static int ElementBytes(int dataType) => (TensorProto.Types.DataType)dataType switch
    {
        TensorProto.Types.DataType.Float => 4,
        TensorProto.Types.DataType.Float16 or TensorProto.Types.DataType.Bfloat16 => 2,
        TensorProto.Types.DataType.Uint8 or TensorProto.Types.DataType.Int8 => 1,
        TensorProto.Types.DataType.Double => 8,
        _ => 0,
    };
}
