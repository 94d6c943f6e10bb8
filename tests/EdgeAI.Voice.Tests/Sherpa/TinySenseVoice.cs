using System.Globalization;
using Google.Protobuf;
using Onnx;

using static EdgeAI.Voice.Tests.Sherpa.OnnxGraph;

namespace EdgeAI.Voice.Tests.Sherpa;

/// <summary>
/// A constructed model in SenseVoice's form (inputs x [1, T, 560], x_length, language, text_norm; output logits
/// [1, T + 4, V]; SenseVoice's metadata), small enough to write in a test: not speech recognition, a loudness detector.
/// Its first four frames are the language, emotion, event and ITN tokens sherpa-onnx strips; each later frame says
/// <see cref="Word"/> when the mean of its features (sherpa's log-mel fbank, stacked 7 frames by LFR) is above
/// <see cref="Threshold"/>, else blank. So sherpa's whole offline path runs for real — config structs, feature
/// extraction, LFR, CMVN, the session on its own ONNX Runtime, CTC greedy search, the token table, the result struct —
/// and the transcript is known: "hello" for a loud tone or speech, "" for silence.
/// </summary>
internal static class TinySenseVoice
{
    public const string Word = "hello";
    public const float Threshold = 0;
    private const int Dim = 560;
    private static readonly string[] Tokens = ["<blk>", "<|en|>", "<|NEUTRAL|>", "<|Speech|>", "<|woitn|>", Word];

    /// <summary>Writes model.onnx and tokens.txt into <paramref name="folder"/>.</summary>
    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        int v = Tokens.Length;
        var graph = new GraphProto { Name = "tiny_sense_voice" };
        graph.Input.Add(ValueInfo("x", TensorProto.Types.DataType.Float, 1, "T", Dim));
        graph.Input.Add(ValueInfo("x_length", TensorProto.Types.DataType.Int32, 1));
        graph.Input.Add(ValueInfo("language", TensorProto.Types.DataType.Int32, 1));
        graph.Input.Add(ValueInfo("text_norm", TensorProto.Types.DataType.Int32, 1));
        graph.Output.Add(ValueInfo("logits", TensorProto.Types.DataType.Float, 1, "T4", v));

        var prefix = new float[4 * v];
        Array.Fill(prefix, -10f);
        for (int i = 0; i < 4; i++) prefix[i * v + i + 1] = 10f;
        var weight = new float[v];
        weight[v - 1] = 1;
        var bias = new float[v];
        Array.Fill(bias, -100f);
        bias[0] = Threshold;
        bias[v - 1] = 0;
        Floats(graph, "prefix", prefix, 1, 4, v);
        Floats(graph, "weight", weight, 1, 1, v);
        Floats(graph, "bias", bias, 1, 1, v);

        Node(graph, "ReduceMean", ["x"], "mean", new AttributeProto { Name = "axes", Type = AttributeProto.Types.AttributeType.Ints, Ints = { 2 } },
            new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        Node(graph, "Mul", ["mean", "weight"], "scaled");
        Node(graph, "Add", ["scaled", "bias"], "body");
        Node(graph, "Concat", ["prefix", "body"], "logits", new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });

        var model = new ModelProto { IrVersion = 8, ProducerName = "EdgeAI.Voice.Tests TinySenseVoice", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        string zeros = string.Join(',', Enumerable.Repeat("0", Dim)), ones = string.Join(',', Enumerable.Repeat("1", Dim));
        foreach (var (key, value) in new[]
        {
            ("model_type", "sense_voice_ctc"), ("vocab_size", v.ToString(CultureInfo.InvariantCulture)), ("blank_id", "0"),
            ("lfr_window_size", "7"), ("lfr_window_shift", "6"), ("normalize_samples", "0"),
            ("with_itn", "14"), ("without_itn", "15"), ("lang_auto", "0"), ("lang_zh", "3"), ("lang_en", "4"),
            ("lang_ja", "11"), ("lang_ko", "12"), ("lang_yue", "7"), ("neg_mean", zeros), ("inv_stddev", ones),
        })
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        using (var stream = File.Create(Path.Combine(folder, "model.onnx"))) model.WriteTo(stream);
        File.WriteAllLines(Path.Combine(folder, "tokens.txt"), Tokens.Select((t, i) => $"{t} {i}"));
    }
}
