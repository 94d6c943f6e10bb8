using System.Runtime.InteropServices;
using Google.Protobuf;

namespace EdgeAI.Llm.Loading;

/// <summary>
/// Reads the element types of an ONNX model's graph inputs without materialising its weights as objects: the
/// ModelProto is walked tag by tag and only the graph's input records (ValueInfoProto → TypeProto → Tensor.elem_type)
/// are read, by field number from onnx.proto.
/// </summary>
internal static class OnnxGraphInputs
{
    private const int ModelGraphField = 7;
    private const int GraphInputField = 11;
    private const int ValueInfoNameField = 1;
    private const int ValueInfoTypeField = 2;
    private const int TypeTensorField = 1;
    private const int TensorElemTypeField = 1;

    // TensorProto.DataType values the KV cache can have.
    private const int Float = 1;
    private const int Uint8 = 2;
    private const int Int8 = 3;
    private const int Float16 = 10;
    private const int Double = 11;
    private const int Bfloat16 = 16;

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
            CodedInputStream graph = Nested(model.ReadBytes());
            while ((tag = graph.ReadTag()) != 0)
            {
                if (WireFormat.GetTagFieldNumber(tag) != GraphInputField)
                {
                    graph.SkipLastField();
                    continue;
                }

                (string name, int elementType) = ValueInfo(Nested(graph.ReadBytes()));
                if (elementType >= 0)
                {
                    types[name] = elementType;
                }
            }
        }

        return types;
    }

    /// <summary>Bytes per element of an ONNX tensor type the KV cache can have.</summary>
    public static int ElementBytes(int dataType) => dataType switch
    {
        Float => 4,
        Float16 or Bfloat16 => 2,
        Uint8 or Int8 => 1,
        Double => 8,
        _ => 0,
    };

    /// <summary>A ValueInfoProto's name and its tensor element type (-1 when it is not a tensor).</summary>
    private static (string Name, int ElementType) ValueInfo(CodedInputStream info)
    {
        string name = "";
        int elementType = -1;
        uint tag;
        while ((tag = info.ReadTag()) != 0)
        {
            int field = WireFormat.GetTagFieldNumber(tag);
            bool nested = WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited;
            if (field == ValueInfoNameField && nested)
            {
                name = info.ReadString();
            }
            else if (field == ValueInfoTypeField && nested)
            {
                elementType = TensorElementType(Nested(info.ReadBytes()));
            }
            else
            {
                info.SkipLastField();
            }
        }

        return (name, elementType);
    }

    /// <summary>A TypeProto's tensor_type.elem_type; -1 when it is another kind of type, 0 when unset.</summary>
    private static int TensorElementType(CodedInputStream type)
    {
        int elementType = -1;
        uint tag;
        while ((tag = type.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) != TypeTensorField || WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
            {
                type.SkipLastField();
                continue;
            }

            elementType = 0;
            CodedInputStream tensor = Nested(type.ReadBytes());
            while ((tag = tensor.ReadTag()) != 0)
            {
                if (WireFormat.GetTagFieldNumber(tag) == TensorElemTypeField && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint)
                {
                    elementType = tensor.ReadInt32();
                }
                else
                {
                    tensor.SkipLastField();
                }
            }
        }

        return elementType;
    }

    private static CodedInputStream Nested(ByteString bytes)
    {
        ReadOnlyMemory<byte> memory = bytes.Memory;
        ArraySegment<byte> segment = MemoryMarshal.TryGetArray(memory, out ArraySegment<byte> array) ? array : memory.ToArray();
        return new CodedInputStream(segment.Array!, segment.Offset, segment.Count);
    }
}
