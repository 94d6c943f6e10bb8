using System.Diagnostics;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Onnx;

using static EdgeAI.Voice.Tests.Sherpa.OnnxGraph;

namespace EdgeAI.Voice.Tests.Sherpa;

/// <summary>
/// A constructed voice in piper's form (inputs input [1, N] phoneme ids, input_lengths, scales; output [1, 1, S];
/// piper's metadata), with Debian's espeak-ng-data as its phonemizer's data: not a voice, each phoneme id becomes
/// <see cref="SamplesPerPhoneme"/> samples at id/1000. It runs sherpa-onnx's whole TTS path (config structs, its
/// espeak-ng front end, the session on its own ONNX Runtime, the generated-audio struct), and the output length tells
/// how many phonemes came through.
/// </summary>
internal static class TinyPiper
{
    public const int SamplesPerPhoneme = 256;
    public const int SampleRate = 16000;
    /// <summary>Debian's espeak-ng-data (1.51), which sherpa-onnx's own espeak-ng reads (checked here).</summary>
    public static string EspeakData { get; } = new[] { "/usr/lib/x86_64-linux-gnu/espeak-ng-data", "/usr/lib/aarch64-linux-gnu/espeak-ng-data" }
        .FirstOrDefault(Directory.Exists) ?? "/usr/lib/x86_64-linux-gnu/espeak-ng-data";

    /// <summary>Writes model.onnx, tokens.txt (every IPA symbol espeak-ng uses for <paramref name="texts"/>) and a link
    /// to the system's espeak-ng-data into <paramref name="folder"/>.</summary>
    public static void Write(string folder, params string[] texts) => Write(folder, SampleRate, texts);

    /// <summary>The same voice speaking at <paramref name="sampleRate"/> (piper voices speak at 22.05 kHz).</summary>
    public static void Write(string folder, int sampleRate, params string[] texts)
    {
        Directory.CreateDirectory(folder);
        var symbols = new List<string> { "_", "^", "$", ",", ".", "!", "?" };
        foreach (var text in texts)
            foreach (var rune in Ipa(text).EnumerateRunes())
            {
                string s = rune.ToString();
                if (!Rune.IsWhiteSpace(rune) && !symbols.Contains(s)) symbols.Add(s);
            }
        var lines = symbols.Select((s, i) => $"{s} {i}").ToList();
        lines.Add($" {symbols.Count}");   // the space token: a line with only its id
        File.WriteAllLines(Path.Combine(folder, "tokens.txt"), lines);
        Directory.CreateSymbolicLink(Path.Combine(folder, "espeak-ng-data"), EspeakData);

        var graph = new GraphProto { Name = "tiny_piper" };
        graph.Input.Add(ValueInfo("input", TensorProto.Types.DataType.Int64, 1, "N"));
        graph.Input.Add(ValueInfo("input_lengths", TensorProto.Types.DataType.Int64, 1));
        graph.Input.Add(ValueInfo("scales", TensorProto.Types.DataType.Float, 3));
        graph.Output.Add(ValueInfo("output", TensorProto.Types.DataType.Float, 1, 1, "S"));
        Floats(graph, "ones", Enumerable.Repeat(1f, SamplesPerPhoneme).ToArray(), 1, 1, SamplesPerPhoneme);
        Floats(graph, "gain", [0.001f]);
        Int64s(graph, "axis2", [2], 1);
        Int64s(graph, "flat", [1, 1, -1], 3);
        Node(graph, "Cast", ["input"], "ids", new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Float });
        Node(graph, "Unsqueeze", ["ids", "axis2"], "column");
        Node(graph, "Mul", ["column", "ones"], "held");
        Node(graph, "Reshape", ["held", "flat"], "wave");
        Node(graph, "Mul", ["wave", "gain"], "output");
        var model = new ModelProto { IrVersion = 8, ProducerName = "EdgeAI.Voice.Tests TinyPiper", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        foreach (var (key, value) in new[]
        {
            ("model_type", "vits"), ("comment", "piper"), ("language", "English"), ("voice", "en-us"),
            ("has_espeak", "1"), ("n_speakers", "1"), ("sample_rate", sampleRate.ToString(CultureInfo.InvariantCulture)),
        })
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        using var stream = File.Create(Path.Combine(folder, "model.onnx"));
        model.WriteTo(stream);
    }

    /// <summary>espeak-ng's IPA for <paramref name="text"/> (en-us).</summary>
    public static string Ipa(string text)
    {
        string? missing = EdgeAI.TestKit.ExternalTool.MissingProgramReason("espeak-ng", "espeak-ng");
        if (missing is not null) throw Xunit.Sdk.SkipException.ForSkip(missing);
        var start = new ProcessStartInfo("espeak-ng") { RedirectStandardOutput = true };
        foreach (var a in new[] { "-q", "--ipa", "-v", "en-us", text }) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        string ipa = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return ipa;
    }
}
