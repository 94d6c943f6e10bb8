using EdgeAI.Inference.Configuration;
using EdgeAI.Inference.Providers;
using EdgeAI.Llm.Loading;
using EdgeAI.TestKit;

namespace EdgeAI.Llm.Tests.Loading;

/// <summary>Model folder checks (one clear line per problem) and loading through the provider plan, on the test Qwen3.</summary>
public sealed class LlmModelFolderTests(TestLlm llm)
{
    [Fact]
    public void MissingFolder_NamesItAndTheCommandThatMakesOne()
    {
        string missing = Path.Combine(Path.GetTempPath(), "edgeai-no-such-model-" + Guid.NewGuid().ToString("N"));

        var e = Assert.Throws<DirectoryNotFoundException>(() => LlmModelFolder.Read(missing));

        Assert.Contains(missing, e.Message);
        Assert.Contains("make-test-llm", e.Message);
        AssertOneLine(e.Message);
        Assert.Throws<DirectoryNotFoundException>(() => LlmModel.Open(missing));
    }

    [Fact]
    public void FolderWithoutConfig_NamesTheConfigFile()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("readme.txt"), "not a model");

        var e = Assert.Throws<FileNotFoundException>(() => LlmModelFolder.Read(folder.Path));

        Assert.Contains(folder.File("genai_config.json"), e.Message);
        Assert.Equal(folder.File("genai_config.json"), e.FileName);
        AssertOneLine(e.Message);
    }

    [Fact]
    public void BrokenConfigJson_NamesFileAndLine()
    {
        using var folder = CopyOfTestModel(withModel: false);
        string config = folder.File("genai_config.json");
        string[] lines = File.ReadAllLines(config);
        int broken = Array.FindIndex(lines, l => l.Contains("\"context_length\"", StringComparison.Ordinal));
        Assert.True(broken > 0);
        lines[broken] = lines[broken].Replace(",", "", StringComparison.Ordinal); // a missing comma: the next line is where JSON fails
        File.WriteAllLines(config, lines);

        var e = Assert.Throws<InvalidDataException>(() => LlmModelFolder.Read(folder.Path));

        Assert.Contains($"genai_config.json:{broken + 2}:", e.Message);
        Assert.StartsWith(config, e.Message);
        AssertOneLine(e.Message);
    }

    [Fact]
    public void ConfigWithoutAValue_NamesTheValue()
    {
        using var folder = CopyOfTestModel(withModel: false);
        string config = folder.File("genai_config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"num_hidden_layers\"", "\"layers\"", StringComparison.Ordinal));
        File.WriteAllBytes(folder.File("model.onnx"), File.ReadAllBytes(Path.Combine(llm.Directory, "model.onnx")).AsSpan(0, 1000).ToArray());

        var e = Assert.Throws<InvalidDataException>(() => LlmModelFolder.Read(folder.Path));

        Assert.Contains("num_hidden_layers", e.Message);
        Assert.Contains(config, e.Message);
    }

    [Theory]
    [InlineData("\"vocab_size\": 1000", "\"eos_token_id\" 151645 must be a token id in [0, 1000)")]
    [InlineData("\"vocab_size\": 99999999999", "\"vocab_size\" must be a positive integer")]
    [InlineData("\"vocab_size\": -5", "\"vocab_size\" must be a positive integer")]
    public void VocabularyThatCannotHoldTheSpecialTokens_NamesTheValue(string vocabulary, string expected)
    {
        using var folder = CopyOfTestModel(withModel: false);
        string config = folder.File("genai_config.json");
        string text = File.ReadAllText(config);
        Assert.Contains("\"vocab_size\": 151936", text);
        File.WriteAllText(config, text.Replace("\"vocab_size\": 151936", vocabulary, StringComparison.Ordinal));
        File.WriteAllBytes(folder.File("model.onnx"), File.ReadAllBytes(Path.Combine(llm.Directory, "model.onnx")).AsSpan(0, 1000).ToArray());

        var e = Assert.Throws<InvalidDataException>(() => LlmModelFolder.Read(folder.Path));

        Assert.StartsWith(config, e.Message);
        Assert.Contains(expected, e.Message);
        AssertOneLine(e.Message);
    }

    [Fact]
    public void MissingModelOnnx_NamesIt()
    {
        using var folder = CopyOfTestModel(withModel: false);

        var e = Assert.Throws<FileNotFoundException>(() => LlmModelFolder.Read(folder.Path));

        Assert.Contains(folder.File("model.onnx"), e.Message);
        AssertOneLine(e.Message);
    }

    [Fact]
    public void TruncatedModelOnnx_IsInvalidDataInOneLineNamingTheFolder()
    {
        using var folder = CopyOfTestModel(withModel: false);
        using (FileStream source = File.OpenRead(Path.Combine(llm.Directory, "model.onnx")))
        using (FileStream target = File.Create(folder.File("model.onnx")))
        {
            var head = new byte[1000];
            source.ReadExactly(head);
            target.Write(head);
        }

        var e = Assert.Throws<InvalidDataException>(() => LlmModel.Open(folder.Path));

        Assert.Contains(folder.Path, e.Message);
        AssertOneLine(e.Message);
    }

    [Fact]
    public void TestModelInfo_IsTheQwen3ShapeWritten()
    {
        LlmModelInfo info = LlmModelFolder.Read(llm.Directory);

        Assert.Equal("qwen3", info.Type);
        Assert.Equal(2, info.Layers);
        Assert.Equal(2, info.KeyValueHeads);
        Assert.Equal(16, info.HeadSize);
        Assert.Equal(4, info.KvElementBytes);
        Assert.Equal(512, info.KvBytesPerToken);
        Assert.Equal(151_936, info.VocabularySize);
        Assert.Equal(4096, info.ContextLength);
        Assert.Contains(151645, info.EosTokenIds);
        Assert.Equal(Path.GetFullPath(llm.Directory), info.Directory);
        Assert.Equal(info, llm.Model.Info with { EosTokenIds = info.EosTokenIds });
        Assert.Equal(info.EosTokenIds, llm.Model.Info.EosTokenIds);

        // The budget sets max_length: 1 MiB is 2048 tokens of 512 B; the context length caps a larger one.
        Assert.Equal(2048, info.MaxLengthFor(1024 * 1024));
        Assert.Equal(4096, info.MaxLengthFor(512L * 1024 * 1024));
    }

    [Fact]
    public void ProviderPlan_CudaUnavailable_FallsBackToCpuWithTheReason()
    {
        if (Environment.GetEnvironmentVariable(GenAIRuntime.LibraryVariable) is { Length: > 0 })
        {
            Assert.Skip($"{GenAIRuntime.LibraryVariable} is set: this GenAI build may have CUDA");
        }

        using LlmModel model = LlmModel.Open(llm.Directory, new InferenceOptions { Providers = ["cuda", "cpu"] });

        Assert.Equal(ExecutionProvider.Cpu, model.Provider.Chosen);
        ProviderFailure failure = Assert.Single(model.Provider.Failures);
        Assert.Equal(ExecutionProvider.Cuda, failure.Provider);
        Assert.False(string.IsNullOrWhiteSpace(failure.Reason));
        AssertOneLine(failure.Reason);
        Assert.StartsWith("cpu (cuda unavailable: ", model.Provider.ToString());
    }

    [Fact]
    public void ProviderPlan_CpuOnly_HasNoFailures()
    {
        using LlmModel model = LlmModel.Open(llm.Directory, new InferenceOptions { Providers = ["cpu"] });

        Assert.Equal(ExecutionProvider.Cpu, model.Provider.Chosen);
        Assert.Empty(model.Provider.Failures);
    }

    /// <summary>The test model's small files in a fresh folder (model.onnx, 78 MB, only when asked).</summary>
    private TempDirectory CopyOfTestModel(bool withModel)
    {
        var folder = new TempDirectory();
        foreach (string file in Directory.EnumerateFiles(llm.Directory))
        {
            if (withModel || Path.GetFileName(file) != "model.onnx")
            {
                File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
            }
        }

        return folder;
    }

    private static void AssertOneLine(string message) =>
        Assert.False(message.Contains('\n') || message.Contains('\r'), $"not one line: {message}");
}
