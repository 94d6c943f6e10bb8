using System.CommandLine;
using EdgeAI.Cli.Input;
using EdgeAI.Inference.Models;
using EdgeAI.TestModels;

namespace EdgeAI.Cli.Commands;

/// <summary><c>edgeai models list [--cache DIR]</c>: id, task, license, cached state and size of every model.</summary>
public sealed class ModelsListCommand : Command
{
    private readonly ModelCacheInput _cache = new();

    public ModelsListCommand() : base("list", "Every model in the manifest: task, license, whether it is cached, size")
    {
        _cache.AddTo(this, ids: false);
        SetAction(parse => CommandGuard.Run(parse, (stdout, _) => Execute(parse, stdout)));
    }

    private int Execute(ParseResult parse, TextWriter stdout)
    {
        var cache = _cache.Open(parse);
        stdout.WriteLine($"cache: {cache.Root}");
        stdout.WriteLine($"{"id",-20} {"task",-20} {"license",-18} {"cached",-8} {"size",10}");
        foreach (var m in cache.Manifest.Models)
        {
            string state = cache.GetState(m) switch { ModelState.Cached => "yes", ModelState.Corrupt => "CORRUPT", _ => "no" };
            string license = m.RequiresLicenseAcceptance ? m.License + "*" : m.License;
            stdout.WriteLine($"{m.Id,-20} {m.Task,-20} {license,-18} {state,-8} {ModelCacheInput.Size(m.Size),10}");
        }
        // The language model is not in the manifest: a test model is written here, a real one is the user's folder.
        string? testModel = TestLlmWriter.Cached(cache.Root);
        stdout.WriteLine($"{"qwen3-test",-20} {"llm (noise)",-20} {"-",-18} {(testModel is null ? "no" : "yes"),-8} {(testModel is null ? "-" : ModelCacheInput.Size(DirectorySize(testModel))),10}");
        if (cache.Manifest.Models.Any(m => m.RequiresLicenseAcceptance))
            stdout.WriteLine("* fetched only with: edgeai models fetch --accept-license (non-commercial terms)");
        stdout.WriteLine("qwen3-test: random weights for tests (edgeai models make-test-llm); for a real Qwen export one with the ORT GenAI model builder and pass --model DIR (docs/llm.md)");
        return ExitCodes.Ok;
    }

    private static long DirectorySize(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
