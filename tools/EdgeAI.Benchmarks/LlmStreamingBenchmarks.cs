using BenchmarkDotNet.Attributes;
using EdgeAI.Inference.Models;
using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Configuration;
using EdgeAI.Llm.Loading;
using EdgeAI.TestModels;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace EdgeAI.Benchmarks;

/// <summary>
/// One answer of 32 or 128 tokens on the test Qwen3 (`edgeai models make-test-llm`): EdgeAI's session against the bare ORT
/// GenAI loop (GenerateNextToken, GetNextTokens, TokenizerStream.Decode) on the same cached prompt. The only allocation
/// per token allowed is the decoded text piece GenAI returns, so EdgeAI's allocations may exceed the bare loop's only by
/// a constant per turn (the history entry, the turn's encoded messages), the same at 32 and at 128 tokens.
/// </summary>
[MemoryDiagnoser]
public class LlmStreamingBenchmarks
{
    [Params(32, 128)]
    public int Tokens { get; set; }

    private LlmModel _model = null!;
    private LlmChatSession _session = null!;
    private GeneratorParams _parameters = null!;
    private Generator _generator = null!;
    private int[] _turn = [];
    private int _system;

    [GlobalSetup]
    public void Setup()
    {
        _model = LlmModel.Open(TestLlmWriter.DefaultDirectory(new ModelCache().Root));
        _session = new LlmChatSession(_model, new LlmOptions { MaxNewTokens = Tokens });
        _parameters = new GeneratorParams(_model.Model);
        _parameters.SetSearchOption("max_length", 1024);
        _generator = new Generator(_model.Model, _parameters);
        // Both keep the system prompt cached and prefill only the turn, as a chat does.
        using Sequences system = _model.Tokenizer.Encode(QwenChatTemplate.System(LlmChatSession.DefaultSystemPrompt, []));
        _system = system[0].Length;
        _generator.AppendTokens(system[0]);
        using Sequences turn = _model.Tokenizer.Encode(QwenChatTemplate.User("hello") + QwenChatTemplate.AssistantPrompt(false));
        _turn = turn[0].ToArray();
    }

    [Benchmark(Baseline = true)]
    public int BareGenAILoop()
    {
        if (_generator.TokenCount() > (ulong)_system) _generator.RewindTo((ulong)_system);
        _generator.AppendTokens(_turn);
        using TokenizerStream stream = _model.Tokenizer.CreateStream();
        int chars = 0;
        for (int i = 0; i < Tokens; i++)
        {
            _generator.GenerateNextToken();
            chars += stream.Decode(_generator.GetNextTokens()[0]).Length;
        }

        return chars;
    }

    [Benchmark]
    public async Task<int> EdgeAISession()
    {
        _session.Reset();
        int chars = 0;
        await foreach (ChatEvent e in _session.SendAsync("hello").ConfigureAwait(false))
        {
            chars += e.Text.Length;
        }

        return chars;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session.Dispose();
        _generator.Dispose();
        _parameters.Dispose();
        _model.Dispose();
    }
}
