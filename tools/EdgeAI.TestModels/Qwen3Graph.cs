using Google.Protobuf;
using Onnx;

namespace EdgeAI.TestModels;

/// <summary>
/// Builds the ONNX graph of a Qwen3 decoder from standard ONNX ops (opset 17): token embedding, per layer RMSNorm,
/// q/k/v projections, q/k RMSNorm per head, rotary embeddings, grouped-query attention over the past KV cache with a
/// causal + padding mask, output projection, SwiGLU MLP, final norm and LM head. Inputs and outputs are the names
/// ORT GenAI's decoder config uses (input_ids, attention_mask, position_ids, past_key_values.%d.key/value ->
/// logits, present.%d.key/value), with KV laid out [batch, kv_heads, sequence, head_size].
/// </summary>
internal sealed class Qwen3Graph
{
    private readonly TestLlmShape _shape;
    private readonly GraphProto _graph = new() { Name = "qwen3-test" };
    private readonly Random _random;
    private int _next;

    private Qwen3Graph(TestLlmShape shape)
    {
        _shape = shape;
        _random = new Random(shape.Seed);
    }

    /// <summary>The whole model, ready to <c>WriteTo</c> a stream.</summary>
    public static ModelProto Build(TestLlmShape shape)
    {
        var builder = new Qwen3Graph(shape);
        builder.AddDecoder();
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "edgeai models make-test-llm",
            ProducerVersion = "1",
            Graph = builder._graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model;
    }

    private void AddDecoder()
    {
        TestLlmShape s = _shape;
        AddInput("input_ids", TensorProto.Types.DataType.Int64, "batch_size", "sequence_length");
        AddInput("attention_mask", TensorProto.Types.DataType.Int64, "batch_size", "total_sequence_length");
        AddInput("position_ids", TensorProto.Types.DataType.Int64, "batch_size", "sequence_length");
        AddOutput("logits", TensorProto.Types.DataType.Float, "batch_size", 1, s.VocabularySize);
        for (int layer = 0; layer < s.Layers; layer++)
        {
            foreach (string kind in new[] { "key", "value" })
            {
                AddInput($"past_key_values.{layer}.{kind}", TensorProto.Types.DataType.Float,
                    "batch_size", s.KeyValueHeads, "past_sequence_length", s.HeadSize);
                AddOutput($"present.{layer}.{kind}", TensorProto.Types.DataType.Float,
                    "batch_size", s.KeyValueHeads, "total_sequence_length", s.HeadSize);
            }
        }

        string x = Node("Gather", [Weight("model.embed_tokens.weight", 1.0f, s.VocabularySize, s.HiddenSize), "input_ids"]);
        (string cos, string sin) = RotaryTables();
        string mask = AttentionBias();
        for (int layer = 0; layer < s.Layers; layer++)
        {
            x = DecoderLayer(layer, x, cos, sin, mask);
        }

        // Only the last position's logits: GenAI samples from them, and a prefill of N tokens would otherwise write
        // N × 151,936 floats (300 MB for a 500-token system prompt).
        string last = Node("Slice", [x, Int64s(-1), Int64s(long.MaxValue), Int64s(1)]);
        string final = RmsNorm(last, Ones("model.norm.weight", s.HiddenSize));
        Node("MatMul", [final, Weight("lm_head.weight", 0.5f, s.HiddenSize, s.VocabularySize)], "logits");
    }

    private string DecoderLayer(int layer, string x, string cos, string sin, string mask)
    {
        TestLlmShape s = _shape;
        string p = $"model.layers.{layer}";
        float std = 0.2f;
        int groups = s.AttentionHeads / s.KeyValueHeads;

        string h = RmsNorm(x, Ones($"{p}.input_layernorm.weight", s.HiddenSize));
        string q = Heads(h, Weight($"{p}.self_attn.q_proj.weight", std, s.HiddenSize, s.AttentionHeads * s.HeadSize),
            s.AttentionHeads, Ones($"{p}.self_attn.q_norm.weight", s.HeadSize));
        string k = Heads(h, Weight($"{p}.self_attn.k_proj.weight", std, s.HiddenSize, s.KeyValueHeads * s.HeadSize),
            s.KeyValueHeads, Ones($"{p}.self_attn.k_norm.weight", s.HeadSize));
        string v = Heads(h, Weight($"{p}.self_attn.v_proj.weight", std, s.HiddenSize, s.KeyValueHeads * s.HeadSize),
            s.KeyValueHeads, norm: null);
        q = Rotate(q, cos, sin);
        k = Rotate(k, cos, sin);

        string presentKey = Node("Concat", [$"past_key_values.{layer}.key", k], $"present.{layer}.key", Int("axis", 2));
        string presentValue = Node("Concat", [$"past_key_values.{layer}.value", v], $"present.{layer}.value", Int("axis", 2));

        // Grouped-query attention: query heads [kv * groups + g] share kv head kv, so view q as [B, kv, groups, S, D].
        string grouped = Node("Reshape", [q, Int64s(0, s.KeyValueHeads, groups, -1, s.HeadSize)]);
        string keysT = Node("Unsqueeze", [Node("Transpose", [presentKey], attributes: Ints("perm", 0, 1, 3, 2)), Int64s(2)]);
        string scores = Node("Mul", [Node("MatMul", [grouped, keysT]), Float(1f / MathF.Sqrt(s.HeadSize))]);
        string probabilities = Node("Softmax", [Node("Add", [scores, mask])], attributes: Int("axis", -1));
        string context = Node("MatMul", [probabilities, Node("Unsqueeze", [presentValue, Int64s(2)])]);
        context = Node("Reshape", [context, Int64s(0, s.AttentionHeads, -1, s.HeadSize)]);
        context = Node("Transpose", [context], attributes: Ints("perm", 0, 2, 1, 3));
        context = Node("Reshape", [context, Int64s(0, 0, s.AttentionHeads * s.HeadSize)]);
        string attention = Node("MatMul", [context, Weight($"{p}.self_attn.o_proj.weight", std, s.AttentionHeads * s.HeadSize, s.HiddenSize)]);
        x = Node("Add", [x, attention]);

        string h2 = RmsNorm(x, Ones($"{p}.post_attention_layernorm.weight", s.HiddenSize));
        string gate = Node("MatMul", [h2, Weight($"{p}.mlp.gate_proj.weight", std, s.HiddenSize, s.IntermediateSize)]);
        string up = Node("MatMul", [h2, Weight($"{p}.mlp.up_proj.weight", std, s.HiddenSize, s.IntermediateSize)]);
        string silu = Node("Mul", [gate, Node("Sigmoid", [gate])]);
        string down = Node("MatMul", [Node("Mul", [silu, up]), Weight($"{p}.mlp.down_proj.weight", std, s.IntermediateSize, s.HiddenSize)]);
        return Node("Add", [x, down]);
    }

    /// <summary>Projects to heads: [B, S, hidden] -> [B, heads, S, head_size], RMS-normalised per head when norm is set.</summary>
    private string Heads(string input, string weight, int heads, string? norm)
    {
        string projected = Node("Reshape", [Node("MatMul", [input, weight]), Int64s(0, 0, heads, _shape.HeadSize)]);
        if (norm is not null)
        {
            projected = RmsNorm(projected, norm);
        }

        return Node("Transpose", [projected], attributes: Ints("perm", 0, 2, 1, 3));
    }

    /// <summary>x / sqrt(mean(x^2) + eps) * weight over the last axis.</summary>
    private string RmsNorm(string input, string weight)
    {
        string meanSquare = Node("ReduceMean", [Node("Mul", [input, input])], attributes: [.. Ints("axes", -1), Int("keepdims", 1)]);
        string rms = Node("Sqrt", [Node("Add", [meanSquare, Float(_shape.RmsNormEpsilon)])]);
        return Node("Mul", [Node("Div", [input, rms]), weight]);
    }

    /// <summary>cos/sin of each position, gathered by position_ids: [B, 1, S, head_size] (halves repeated).</summary>
    private (string Cos, string Sin) RotaryTables()
    {
        int half = _shape.HeadSize / 2;
        var cos = new float[_shape.ContextLength * half];
        var sin = new float[_shape.ContextLength * half];
        for (int position = 0; position < _shape.ContextLength; position++)
        {
            for (int i = 0; i < half; i++)
            {
                double inverseFrequency = 1.0 / Math.Pow(_shape.RopeTheta, 2.0 * i / _shape.HeadSize);
                double angle = position * inverseFrequency;
                cos[position * half + i] = (float)Math.Cos(angle);
                sin[position * half + i] = (float)Math.Sin(angle);
            }
        }

        string Table(string name, float[] values)
        {
            AddInitializer(name, values, _shape.ContextLength, half);
            string gathered = Node("Gather", [name, "position_ids"]);
            string full = Node("Concat", [gathered, gathered], attributes: Int("axis", -1));
            return Node("Unsqueeze", [full, Int64s(1)]);
        }

        return (Table("rotary.cos_cache", cos), Table("rotary.sin_cache", sin));
    }

    /// <summary>x * cos + rotate_half(x) * sin, where rotate_half([a, b]) = [-b, a] over the head dimension.</summary>
    private string Rotate(string x, string cos, string sin)
    {
        int half = _shape.HeadSize / 2;
        string first = NewName();
        string second = NewName();
        var split = new NodeProto { OpType = "Split", Name = NewName() };
        split.Input.Add(x);
        split.Input.Add(Int64s(half, half));
        split.Output.Add(first);
        split.Output.Add(second);
        split.Attribute.Add(Int("axis", -1));
        _graph.Node.Add(split);
        string rotated = Node("Concat", [Node("Neg", [second]), first], attributes: Int("axis", -1));
        return Node("Add", [Node("Mul", [x, cos]), Node("Mul", [rotated, sin])]);
    }

    /// <summary>
    /// Additive attention bias [B, 1, 1, S, T]: 0 where key position &lt;= the query's position_id and attention_mask is 1,
    /// a large negative number elsewhere.
    /// </summary>
    private string AttentionBias()
    {
        string total = Node("Gather", [Node("Shape", ["attention_mask"]), Int64Scalar(1)]);
        string keys = Node("Reshape", [Node("Range", [Int64Scalar(0), total, Int64Scalar(1)]), Int64s(1, 1, -1)]);
        string queries = Node("Unsqueeze", ["position_ids", Int64s(2)]);
        string causal = Node("LessOrEqual", [keys, queries]);
        string padding = Node("Equal", [Node("Unsqueeze", ["attention_mask", Int64s(1)]), Int64Scalar(1)]);
        string allowed = Node("And", [causal, padding]);
        string bias = Node("Where", [allowed, Float(0f), Float(-1e9f)]);
        return Node("Unsqueeze", [bias, Int64s(1, 2)]);
    }

    private string Node(string op, string[] inputs, string? output = null, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = NewName() };
        node.Input.Add(inputs);
        output ??= node.Name + "_out";
        node.Output.Add(output);
        node.Attribute.Add(attributes);
        _graph.Node.Add(node);
        return output;
    }

    private string NewName() => $"n{_next++}";

    private string Weight(string name, float std, params int[] dims)
    {
        var values = new float[dims.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = std * Gaussian();
        }

        AddInitializer(name, values, dims);
        return name;
    }

    private string Ones(string name, int size)
    {
        var values = new float[size];
        Array.Fill(values, 1f);
        AddInitializer(name, values, size);
        return name;
    }

    private float Gaussian()
    {
        // Box-Muller: two uniforms to one standard normal sample.
        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    private void AddInitializer(string name, float[] values, params int[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.Add(dims.Select(d => (long)d));
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        tensor.RawData = ByteString.CopyFrom(bytes);
        _graph.Initializer.Add(tensor);
    }

    private string Float(float value)
    {
        string name = NewName();
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.FloatData.Add(value);
        _graph.Initializer.Add(tensor);
        return name;
    }

    private string Int64Scalar(long value)
    {
        string name = NewName();
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Int64Data.Add(value);
        _graph.Initializer.Add(tensor);
        return name;
    }

    private string Int64s(params long[] values)
    {
        string name = NewName();
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.Add(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    private static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto[] Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.Add(values);
        return [attribute];
    }

    private void AddInput(string name, TensorProto.Types.DataType type, params object[] dims) =>
        _graph.Input.Add(ValueInfo(name, type, dims));

    private void AddOutput(string name, TensorProto.Types.DataType type, params object[] dims) =>
        _graph.Output.Add(ValueInfo(name, type, dims));

    /// <summary>A graph input or output: <paramref name="dims"/> are symbols (string) or sizes (numbers).</summary>
    public static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (object dim in dims)
        {
            shape.Dim.Add(dim is string symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture) });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
