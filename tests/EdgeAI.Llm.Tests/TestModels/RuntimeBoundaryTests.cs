using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Loading;
using Onnx;

namespace EdgeAI.Llm.Tests.TestModels;

/// <summary>The test model is a fixture: the runtime assembly does without it and without OnnxSharp.</summary>
public sealed class RuntimeBoundaryTests(TestLlm llm)
{
    [Fact]
    public void RuntimeAssembly_ReferencesNeitherOnnxSharpNorTheTestModels()
    {
        string[] references = typeof(LlmChatSession).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.DoesNotContain("OnnxSharp", references);
        Assert.DoesNotContain("EdgeAI.TestModels", references);
        Assert.Contains("Google.Protobuf", references);
    }

    [Fact]
    public void GraphInputElementTypes_ReadFieldByField_AreWhatOnnxsOwnTypesParse()
    {
        string path = Path.Combine(llm.Directory, "model.onnx");
        using FileStream file = File.OpenRead(path);
        ModelProto model = ModelProto.Parser.ParseFrom(file);
        var expected = model.Graph.Input.Where(i => i.Type?.TensorType is not null).ToDictionary(i => i.Name, i => i.Type.TensorType.ElemType);

        Dictionary<string, int> types = OnnxGraphInputs.ElementTypes(path);

        Assert.Equal(expected.OrderBy(p => p.Key), types.OrderBy(p => p.Key));
        Assert.Contains("past_key_values.0.key", types.Keys);
        Assert.Equal(4, OnnxGraphInputs.ElementBytes(types["past_key_values.0.key"]));
        Assert.Equal((int)TensorProto.Types.DataType.Int64, types["input_ids"]);
    }
}
