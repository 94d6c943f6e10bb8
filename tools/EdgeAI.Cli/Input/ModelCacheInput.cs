using System.CommandLine;
using EdgeAI.Cli.Commands;
using EdgeAI.Inference.Models;

namespace EdgeAI.Cli.Input;

/// <summary><c>--cache DIR</c> (default <c>EDGEAI_MODELS</c>, else <c>~/.cache/edgeai/models</c>) and model ids as arguments.</summary>
internal sealed class ModelCacheInput
{
    public Option<string?> Cache { get; } = new("--cache") { Description = "model cache folder (default: EDGEAI_MODELS, else ~/.cache/edgeai/models)" };
    public Argument<string[]> Ids { get; } = new("ID") { Description = "model ids (default: every model this machine can use)", Arity = ArgumentArity.ZeroOrMore };

    public void AddTo(Command command, bool ids)
    {
        command.Options.Add(Cache);
        if (ids) command.Arguments.Add(Ids);
    }

    public ModelCache Open(ParseResult parse) => new(parse.GetValue(Cache));

    /// <summary>The models named on the command line (unknown id: bad input), or all of them but native libraries built
    /// for another platform (sherpa-onnx for linux-arm64 on an x64 machine), which are fetched only when named.</summary>
    public IReadOnlyList<ModelEntry> Select(ParseResult parse, ModelCache cache)
    {
        var ids = parse.GetValue(Ids) ?? [];
        if (ids.Length == 0) return [.. cache.Manifest.Models.Where(m => m.IsForThisMachine)];
        try
        {
            return [.. ids.Distinct().Select(cache.Manifest.Get)];
        }
        catch (KeyNotFoundException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public static string Size(long bytes) => bytes >= 1 << 20 ? $"{bytes / 1048576.0:F1} MiB" : $"{bytes / 1024.0:F0} KiB";
}
