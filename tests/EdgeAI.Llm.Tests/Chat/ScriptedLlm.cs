using EdgeAI.Llm.Loading;
using EdgeAI.TestModels;
using EdgeAI.TestKit;
using Google.Protobuf;
using Onnx;

namespace EdgeAI.Llm.Tests.Chat;

/// <summary>
/// A model folder GenAI loads like the test Qwen3 (same genai_config.json, tokenizer, inputs, outputs and KV cache
/// shapes) whose graph writes the answer it is given: the logits at sequence position p are one-hot on
/// <c>script[p]</c>, so greedy search generates exactly the recorded tokens. This stands in for Qwen's weights only;
/// GenAI, the session's streaming loop and its router run unchanged on it.
/// </summary>
internal sealed class ScriptedLlm : IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <param name="testLlm">The test model folder whose config and tokenizer are reused.</param>
    /// <param name="answerStart">Index in the conversation's tokens of the answer's first token.</param>
    /// <param name="answer">The tokens the model is to generate there, in order; afterwards it says &lt;|im_end|&gt;.</param>
    public ScriptedLlm(string testLlm, int answerStart, IReadOnlyList<int> answer)
    {
        foreach (string file in Directory.EnumerateFiles(testLlm))
        {
            if (Path.GetFileName(file) != "model.onnx") File.Copy(file, Path.Combine(_dir.Path, Path.GetFileName(file)));
        }

        var shape = TestLlmShape.Default;
        // Generating the token at index i reads the logits of position i - 1.
        var table = new long[shape.ContextLength];
        Array.Fill(table, ImEnd);
        for (int i = 0; i < answer.Count; i++) table[answerStart + i - 1] = answer[i];
        File.WriteAllBytes(Path.Combine(_dir.Path, "model.onnx"), Build(shape, table).ToByteArray());
        Model = LlmModel.Open(_dir.Path);
    }

    private const long ImEnd = 151645;

    public LlmModel Model { get; }

    public void Dispose()
    {
        Model.Dispose();
        _dir.Dispose();
    }

    private static ModelProto Build(TestLlmShape s, long[] table)
    {
        var graph = new GraphProto { Name = "scripted-qwen3" };
        graph.Input.Add(Qwen3Graph.ValueInfo("input_ids", TensorProto.Types.DataType.Int64, "batch_size", "sequence_length"));
        graph.Input.Add(Qwen3Graph.ValueInfo("attention_mask", TensorProto.Types.DataType.Int64, "batch_size", "total_sequence_length"));
        graph.Input.Add(Qwen3Graph.ValueInfo("position_ids", TensorProto.Types.DataType.Int64, "batch_size", "sequence_length"));
        graph.Output.Add(Qwen3Graph.ValueInfo("logits", TensorProto.Types.DataType.Float, "batch_size", "sequence_length", s.VocabularySize));

        graph.Initializer.Add(Int64s("script", [table.Length], table));
        graph.Initializer.Add(Int64s("depth", [], [s.VocabularySize]));
        graph.Initializer.Add(Floats("off_on", [2], [0f, 100f]));
        graph.Initializer.Add(Int64s("first", [1], [0]));
        graph.Initializer.Add(Int64s("second", [1], [1]));
        graph.Initializer.Add(Int64s("kv_heads", [1], [s.KeyValueHeads]));
        graph.Initializer.Add(Int64s("head_size", [1], [s.HeadSize]));

        graph.Node.Add(Node("Gather", ["script", "position_ids"], "next_tokens"));
        graph.Node.Add(Node("OneHot", ["next_tokens", "depth", "off_on"], "logits"));

        // New KV entries are zeros of [batch, kv_heads, sequence, head_size], appended to the past ones.
        graph.Node.Add(Node("Shape", ["input_ids"], "ids_shape"));
        graph.Node.Add(Node("Gather", ["ids_shape", "first"], "batch"));
        graph.Node.Add(Node("Gather", ["ids_shape", "second"], "sequence"));
        var kvShape = Node("Concat", ["batch", "kv_heads", "sequence", "head_size"], "kv_shape");
        kvShape.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        graph.Node.Add(kvShape);
        var zeros = Node("ConstantOfShape", ["kv_shape"], "kv_new");
        zeros.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = Floats("zero", [1], [0f]) });
        graph.Node.Add(zeros);

        for (int layer = 0; layer < s.Layers; layer++)
        {
            foreach (string kind in new[] { "key", "value" })
            {
                string past = $"past_key_values.{layer}.{kind}", present = $"present.{layer}.{kind}";
                graph.Input.Add(Qwen3Graph.ValueInfo(past, TensorProto.Types.DataType.Float, "batch_size", s.KeyValueHeads, "past_sequence_length", s.HeadSize));
                graph.Output.Add(Qwen3Graph.ValueInfo(present, TensorProto.Types.DataType.Float, "batch_size", s.KeyValueHeads, "total_sequence_length", s.HeadSize));
                var concat = Node("Concat", [past, "kv_new"], present);
                concat.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 2 });
                graph.Node.Add(concat);
            }
        }

        var model = new ModelProto { IrVersion = 8, ProducerName = "edgeai tests (scripted)", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model;
    }

    private static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = output + "_" + op };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto Int64s(string name, long[] dims, long[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.AddRange(dims);
        t.Int64Data.AddRange(values);
        return t;
    }

    private static TensorProto Floats(string name, long[] dims, float[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(dims);
        t.FloatData.AddRange(values);
        return t;
    }
}
