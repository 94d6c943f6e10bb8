using System.CommandLine;
using System.Diagnostics;
using EdgeAI.Cli.Input;
using EdgeAI.Host.Models;
using EdgeAI.Inference.Models;
using EdgeAI.TestModels;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai models make-test-llm [DIR] [--force] [--cache DIR]</c>: writes the tiny random-weight Qwen3 (real
/// architecture, full vocabulary, real tokenizer) that `edgeai chat`, the tests and the benchmarks run when no real
/// Qwen folder is given. The tokenizer comes from the model cache (fetched first when missing).
/// </summary>
public sealed class ModelsMakeTestLlmCommand : Command
{
    private const string TokenizerId = "qwen3-tokenizer";
    private readonly ModelCacheInput _cache = new();
    private readonly Argument<string?> _directory = new("DIR") { Description = "where to write it (default: qwen3-test in the model cache)", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> _force = new("--force") { Description = "write it again even when the folder is up to date" };

    public ModelsMakeTestLlmCommand() : base("make-test-llm", "Write a tiny random-weight Qwen3 model folder for ORT GenAI (tests, demo, benchmarks)")
    {
        _cache.AddTo(this, ids: false);
        Arguments.Add(_directory);
        Options.Add(_force);
        SetAction((parse, cancellation) => Task.FromResult(CommandGuard.Run(parse, (stdout, stderr) => Execute(parse, stdout, stderr, cancellation))));
    }

    private int Execute(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        ModelCache cache = _cache.Open(parse);
        ModelEntry tokenizer = cache.Manifest.Get(TokenizerId);
        if (cache.GetState(tokenizer) != ModelState.Cached)
        {
            FetchOutcome outcome = new ModelFetcher(cache).Fetch([tokenizer], acceptLicenses: false, cancellation)[0];
            if (outcome.Status is not (FetchStatus.Fetched or FetchStatus.Cached))
            {
                stderr.WriteLine($"edgeai: {TokenizerId}: not cached: {outcome.Detail}; without network, import it with `edgeai models import`");
                return ExitCodes.Failed;
            }

            stdout.WriteLine($"{TokenizerId}: fetched {tokenizer.Source.Spec}");
        }

        string directory = parse.GetValue(_directory) ?? TestLlmWriter.DefaultDirectory(cache.Root);
        TestLlmShape shape = TestLlmShape.Default;
        var clock = Stopwatch.StartNew();
        bool wrote = TestLlmWriter.Ensure(directory, cache.GetDirectory(TokenizerId), shape, parse.GetValue(_force));
        long bytes = new DirectoryInfo(directory).EnumerateFiles().Sum(f => f.Length);
        string what = $"qwen3, {shape.Layers} layers, hidden {shape.HiddenSize}, {shape.AttentionHeads}/{shape.KeyValueHeads} heads, vocabulary {shape.VocabularySize:N0}, random weights (seed {shape.Seed})";
        stdout.WriteLine(wrote
            ? $"{directory}: written in {clock.Elapsed.TotalSeconds:F1} s ({ModelCacheInput.Size(bytes)}; {what})"
            : $"{directory}: up to date ({ModelCacheInput.Size(bytes)}; {what})");
        stdout.WriteLine($"try: edgeai chat --model {directory} --prompt \"hello\" --json");
        return ExitCodes.Ok;
    }
}
