using EdgeAI.TestModels;
using EdgeAI.TestKit;
using Onnx;

namespace EdgeAI.Llm.Tests.TestModels;

/// <summary>The test model writer: reproducible bytes, the cache stamp, refusing foreign folders, the decoder's I/O names.</summary>
public sealed class TestLlmWriterTests(TestLlm llm)
{
    // A small vocabulary writes in a blink; GenAI never loads these (its eos check needs the full one).
    private static readonly TestLlmShape Small = TestLlmShape.Default with { VocabularySize = 2000, ContextLength = 64 };

    [Fact]
    public void Write_SameShapeTwice_GivesByteIdenticalModel_AnotherSeedDoesNot()
    {
        using var root = new TempDirectory();
        string a = root.File("a"), b = root.File("b"), c = root.File("c");

        TestLlmWriter.Write(a, llm.TokenizerDirectory, Small);
        TestLlmWriter.Write(b, llm.TokenizerDirectory, Small);
        TestLlmWriter.Write(c, llm.TokenizerDirectory, Small with { Seed = Small.Seed + 1 });

        byte[] first = File.ReadAllBytes(Path.Combine(a, "model.onnx"));
        Assert.True(first.Length > 100_000, $"model.onnx is only {first.Length} bytes");
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(b, "model.onnx")));
        byte[] reseeded = File.ReadAllBytes(Path.Combine(c, "model.onnx"));
        Assert.Equal(first.Length, reseeded.Length);
        Assert.NotEqual(first, reseeded);
        Assert.Equal(File.ReadAllText(Path.Combine(a, "genai_config.json")), File.ReadAllText(Path.Combine(c, "genai_config.json")));
        foreach (string file in TestLlmWriter.TokenizerFiles)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(llm.TokenizerDirectory, file)), File.ReadAllBytes(Path.Combine(a, file)));
        }

        // Nothing of the temporary folders is left behind.
        Assert.Equal(["a", "b", "c"], Directory.EnumerateFileSystemEntries(root.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Ensure_WritesOnce_AgainWhenForcedOrTheStampIsAnotherShapes()
    {
        using var root = new TempDirectory();
        string folder = root.File("model");

        Assert.True(TestLlmWriter.Ensure(folder, llm.TokenizerDirectory, Small));
        Assert.True(TestLlmWriter.IsCurrent(folder, Small));
        Assert.False(TestLlmWriter.Ensure(folder, llm.TokenizerDirectory, Small));
        Assert.True(TestLlmWriter.Ensure(folder, llm.TokenizerDirectory, Small, force: true));

        TestLlmShape other = Small with { Seed = 7 };
        Assert.False(TestLlmWriter.IsCurrent(folder, other));
        Assert.True(TestLlmWriter.Ensure(folder, llm.TokenizerDirectory, other));
        Assert.True(TestLlmWriter.IsCurrent(folder, other));

        // A stamp of an older format (or a damaged one) is rewritten too.
        File.WriteAllText(Path.Combine(folder, TestLlmWriter.StampFile), "{\"format\": 1}");
        Assert.True(TestLlmWriter.Ensure(folder, llm.TokenizerDirectory, other));
        Assert.False(File.Exists(folder + ".lock"), "the lock file stayed");
    }

    [Fact]
    public void Ensure_StampDeleted_TheFolderIsNoLongerOursAndIsLeftAlone()
    {
        using var root = new TempDirectory();
        string folder = root.File("model");
        TestLlmWriter.Write(folder, llm.TokenizerDirectory, Small);
        File.Delete(Path.Combine(folder, TestLlmWriter.StampFile));
        string[] files = Directory.GetFiles(folder).Order().ToArray();

        // Without the stamp nothing says the files are the writer's (it might be a real model): refused, not overwritten.
        Assert.False(TestLlmWriter.IsCurrent(folder, Small));
        var e = Assert.Throws<IOException>(() => TestLlmWriter.Ensure(folder, llm.TokenizerDirectory, Small));
        Assert.Contains(folder, e.Message);
        Assert.Equal(files, Directory.GetFiles(folder).Order());
    }

    [Fact]
    public void Write_IntoAFolderThatIsNotATestModel_IsRefusedAndLeavesItAlone()
    {
        using var root = new TempDirectory();
        File.WriteAllText(root.File("notes.txt"), "mine");

        var e = Assert.Throws<IOException>(() => TestLlmWriter.Write(root.Path, llm.TokenizerDirectory, Small));

        Assert.Contains(Path.GetFullPath(root.Path), e.Message);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(root.Path).Select(Path.GetFileName));
        Assert.Equal("mine", File.ReadAllText(root.File("notes.txt")));
        Assert.False(Directory.Exists(root.Path + $".tmp-{Environment.ProcessId}"), "the temporary folder stayed");
    }

    [Fact]
    public void Write_TokenizerMissing_NamesTheFile()
    {
        using var root = new TempDirectory();
        string tokenizers = root.File("tokenizer");
        Directory.CreateDirectory(tokenizers);
        File.Copy(Path.Combine(llm.TokenizerDirectory, "tokenizer.json"), Path.Combine(tokenizers, "tokenizer.json"));

        var e = Assert.Throws<FileNotFoundException>(() => TestLlmWriter.Write(root.File("model"), tokenizers, Small));

        Assert.Equal(Path.Combine(tokenizers, "tokenizer_config.json"), e.FileName);
        Assert.Contains("tokenizer_config.json", e.Message);
        Assert.False(Directory.Exists(root.File("model")));
    }

    [Fact]
    public void DefaultModel_GraphHasGenAIsDecoderInputsAndOutputs()
    {
        ModelProto model;
        using (FileStream file = File.OpenRead(Path.Combine(llm.Directory, "model.onnx")))
        {
            model = ModelProto.Parser.ParseFrom(file);
        }

        Assert.Equal(
            ["input_ids", "attention_mask", "position_ids", "past_key_values.0.key", "past_key_values.0.value", "past_key_values.1.key", "past_key_values.1.value"],
            model.Graph.Input.Select(i => i.Name));
        Assert.Equal(
            ["logits", "present.0.key", "present.0.value", "present.1.key", "present.1.value"],
            model.Graph.Output.Select(o => o.Name));

        // KV tensors are fp32 [batch, kv heads, sequence, head size], as genai_config and the KV budget assume.
        ValueInfoProto pastKey = model.Graph.Input[3];
        Assert.Equal((int)TensorProto.Types.DataType.Float, pastKey.Type.TensorType.ElemType);
        Assert.Equal([2L, 16L], pastKey.Type.TensorType.Shape.Dim.Where(d => d.DimValue > 0).Select(d => d.DimValue));
        Assert.Equal((int)TensorProto.Types.DataType.Int64, model.Graph.Input[0].Type.TensorType.ElemType);
    }
}
