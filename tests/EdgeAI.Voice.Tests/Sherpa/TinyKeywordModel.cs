using System.Globalization;
using Google.Protobuf;
using Onnx;

using static EdgeAI.Voice.Tests.Sherpa.OnnxGraph;

namespace EdgeAI.Voice.Tests.Sherpa;

/// <summary>
/// A constructed streaming transducer in the form of icefall's LSTM transducer (encoder x, h, c with its metadata;
/// decoder y; joiner encoder_out, decoder_out): not a keyword model, a loudness detector with a two-word grammar.
/// The encoder passes each frame's loudness (sigmoid of the log-mel mean above <see cref="Floor"/>) to the joiner; the
/// decoder is the last token one-hot; the joiner says, on a loud frame, "hey" after nothing and "edge" after "hey",
/// and blank otherwise. So a burst of sound is heard as "hey edge" once, silence as nothing, and sherpa-onnx's keyword
/// spotter (features, its ONNX Runtime, the keyword graph built from text, trailing blanks, the result struct) runs for real.
/// </summary>
internal static class TinyKeywordModel
{
    public const float Floor = -8;
    private static readonly string[] Tokens = ["<blk>", "<unk>", "hey", "edge"];

    /// <summary>Writes encoder.onnx, decoder.onnx, joiner.onnx and tokens.txt; <paramref name="wordMarker"/> goes
    /// before each word token (SentencePiece's U+2581, as a recognizer's tokens carry it).</summary>
    public static void Write(string folder, string wordMarker = "")
    {
        Directory.CreateDirectory(folder);
        int v = Tokens.Length;
        File.WriteAllLines(Path.Combine(folder, "tokens.txt"), Tokens.Select((t, i) => $"{(i >= 2 ? wordMarker : "")}{t} {i}"));

        var encoder = new GraphProto { Name = "encoder" };
        encoder.Input.Add(ValueInfo("x", TensorProto.Types.DataType.Float, 1, "T", 80));
        encoder.Input.Add(ValueInfo("h", TensorProto.Types.DataType.Float, 1, 1, 2));
        encoder.Input.Add(ValueInfo("c", TensorProto.Types.DataType.Float, 1, 1, 2));
        encoder.Output.Add(ValueInfo("encoder_out", TensorProto.Types.DataType.Float, 1, "T", v));
        encoder.Output.Add(ValueInfo("next_h", TensorProto.Types.DataType.Float, 1, 1, 2));
        encoder.Output.Add(ValueInfo("next_c", TensorProto.Types.DataType.Float, 1, 1, 2));
        Floats(encoder, "floor", [-Floor]);
        Floats(encoder, "gain", [2f]);
        Floats(encoder, "ones", [.. Enumerable.Repeat(1f, v)], 1, 1, v);
        Node(encoder, "ReduceMean", ["x"], "mean", Ints("axes", 2), Int("keepdims", 1));
        Node(encoder, "Add", ["mean", "floor"], "above");
        Node(encoder, "Mul", ["above", "gain"], "scaled");
        Node(encoder, "Sigmoid", ["scaled"], "loud");
        Node(encoder, "Mul", ["loud", "ones"], "encoder_out");
        Node(encoder, "Identity", ["h"], "next_h");
        Node(encoder, "Identity", ["c"], "next_c");
        Save(encoder, Path.Combine(folder, "encoder.onnx"), ("model_type", "lstm"), ("num_encoder_layers", "1"), ("T", "16"),
            ("decode_chunk_len", "16"), ("rnn_hidden_size", "2"), ("d_model", "2"));

        var decoder = new GraphProto { Name = "decoder" };
        decoder.Input.Add(ValueInfo("y", TensorProto.Types.DataType.Int64, "N", 1));
        decoder.Output.Add(ValueInfo("decoder_out", TensorProto.Types.DataType.Float, "N", v));
        var identity = new float[v * v];
        for (int i = 0; i < v; i++) identity[i * v + i] = 1;
        Floats(decoder, "embedding", identity, v, v);
        Int64s(decoder, "shape", [-1, v], 2);
        Node(decoder, "Gather", ["embedding", "y"], "rows", Int("axis", 0));
        Node(decoder, "Reshape", ["rows", "shape"], "decoder_out");
        Save(decoder, Path.Combine(folder, "decoder.onnx"), ("vocab_size", v.ToString(CultureInfo.InvariantCulture)), ("context_size", "1"));

        // Row = last token, column = the next token's logit on a loud frame; on a quiet frame, blank.
        var next = new float[v * v];
        Array.Fill(next, -10f);
        next[0 * v + 2] = 8; next[0 * v + 0] = -2;    // after nothing: hey
        next[2 * v + 3] = 8; next[2 * v + 0] = -2;    // after hey: edge
        next[1 * v + 0] = 8; next[3 * v + 0] = 8;     // after edge (or unk): blank
        var quiet = new float[v];
        Array.Fill(quiet, -10f);
        quiet[0] = 8;
        var joiner = new GraphProto { Name = "joiner" };
        joiner.Input.Add(ValueInfo("encoder_out", TensorProto.Types.DataType.Float, "N", v));
        joiner.Input.Add(ValueInfo("decoder_out", TensorProto.Types.DataType.Float, "N", v));
        joiner.Output.Add(ValueInfo("logit", TensorProto.Types.DataType.Float, "N", v));
        Floats(joiner, "next", next, v, v);
        Floats(joiner, "quiet", quiet, 1, v);
        Floats(joiner, "one", [1f]);
        Node(joiner, "ReduceMean", ["encoder_out"], "loud", Ints("axes", 1), Int("keepdims", 1));
        Node(joiner, "MatMul", ["decoder_out", "next"], "wanted");
        Node(joiner, "Mul", ["wanted", "loud"], "loud_part");
        Node(joiner, "Sub", ["one", "loud"], "quietness");
        Node(joiner, "Mul", ["quiet", "quietness"], "quiet_part");
        Node(joiner, "Add", ["loud_part", "quiet_part"], "logit");
        Save(joiner, Path.Combine(folder, "joiner.onnx"), ("joiner_dim", v.ToString(CultureInfo.InvariantCulture)));
    }

    private static void Save(GraphProto graph, string path, params (string Key, string Value)[] metadata)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "EdgeAI.Voice.Tests TinyKeywordModel", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        foreach (var (key, value) in metadata) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        using var stream = File.Create(path);
        model.WriteTo(stream);
    }
}
