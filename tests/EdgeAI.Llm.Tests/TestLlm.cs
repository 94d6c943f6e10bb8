using EdgeAI.Inference.Models;
using EdgeAI.Llm.Loading;
using EdgeAI.TestModels;

[assembly: AssemblyFixture(typeof(EdgeAI.Llm.Tests.TestLlm))]

namespace EdgeAI.Llm.Tests;

/// <summary>
/// The tiny random-weight Qwen3 every engine test runs on, written once per machine into the model cache (as
/// `edgeai models make-test-llm` does) and loaded once per test run. The Qwen3 tokenizer must be in the cache
/// (./test.sh fetches it).
/// </summary>
public sealed class TestLlm : IDisposable
{
    private readonly Lazy<LlmModel> _model;

    public TestLlm()
    {
        var cache = new ModelCache();
        Directory = TestLlmWriter.DefaultDirectory(cache.Root);
        TokenizerDirectory = Path.Combine(cache.Root, "qwen3-tokenizer");
        if (!File.Exists(Path.Combine(TokenizerDirectory, "tokenizer.json")))
        {
            throw new InvalidOperationException($"{TokenizerDirectory}: Qwen3 tokenizer missing; run ./edgeai models fetch qwen3-tokenizer (./test.sh does)");
        }

        TestLlmWriter.Ensure(Directory, TokenizerDirectory, TestLlmShape.Default);
        _model = new Lazy<LlmModel>(() => LlmModel.Open(Directory));
    }

    /// <summary>The model folder.</summary>
    public string Directory { get; }

    /// <summary>The cached Qwen3 tokenizer files.</summary>
    public string TokenizerDirectory { get; }

    /// <summary>The model, loaded once (GenAI models are safe to share; each session has its own generator).</summary>
    public LlmModel Model => _model.Value;

    public void Dispose()
    {
        if (_model.IsValueCreated)
        {
            _model.Value.Dispose();
        }
    }

    /// <summary>The test model's tokens for <paramref name="text"/>.</summary>
    public int[] Encode(string text)
    {
        using Microsoft.ML.OnnxRuntimeGenAI.Sequences sequences = Model.Tokenizer.Encode(text);
        return sequences[0].ToArray();
    }

    /// <summary>What a fresh generator greedily continues <paramref name="prompt"/> with: the oracle for a session's cache.</summary>
    public int[] FreshGreedy(int[] prompt, int count)
    {
        using var parameters = new Microsoft.ML.OnnxRuntimeGenAI.GeneratorParams(Model.Model);
        parameters.SetSearchOption("max_length", prompt.Length + count + 1);
        using var generator = new Microsoft.ML.OnnxRuntimeGenAI.Generator(Model.Model, parameters);
        generator.AppendTokens(prompt);
        var tokens = new int[count];
        for (int i = 0; i < count; i++)
        {
            generator.GenerateNextToken();
            tokens[i] = generator.GetNextTokens()[0];
        }
        return tokens;
    }

    /// <summary>The session's generator holds its rendered history (all but the last few prompt tokens).</summary>
    public static void AssertGeneratorHoldsHistory(EdgeAI.Llm.Chat.LlmChatSession session)
    {
        int[] generator = session.GeneratorSequence.ToArray();
        int[] rendered = session.Tokens.ToArray();
        Assert.True(generator.Length <= rendered.Length, $"generator holds {generator.Length} tokens, history renders to {rendered.Length}");
        Assert.True(rendered.Length - generator.Length <= 4, $"{rendered.Length - generator.Length} tokens of history not in the cache");
        Assert.Equal(rendered[..generator.Length], generator);
    }
}
