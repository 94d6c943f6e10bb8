using System.CommandLine;
using EdgeAI.Cli.Input;
using EdgeAI.Inference.Models;

namespace EdgeAI.Cli.Commands;

/// <summary><c>edgeai models export OUT.tar[.gz] [--cache DIR]</c>: the cached models and the manifest in one tarball.</summary>
public sealed class ModelsExportCommand : Command
{
    private readonly ModelCacheInput _cache = new();
    private readonly Argument<string> _out = new("OUT") { Description = "tarball to write (.tar or .tar.gz)" };

    public ModelsExportCommand() : base("export", "Pack the cached models and the manifest into one tarball (for machines without network)")
    {
        Arguments.Add(_out);
        _cache.AddTo(this, ids: false);
        SetAction(parse => CommandGuard.Run(parse, (stdout, _) => Execute(parse, stdout)));
    }

    private int Execute(ParseResult parse, TextWriter stdout)
    {
        var cache = _cache.Open(parse);
        string output = parse.GetValue(_out)!;
        var models = ModelArchive.Export(cache, output);
        if (models.Count == 0) throw new UsageException($"{cache.Root}: no cached models to export; run: edgeai models fetch");
        stdout.WriteLine($"{output}: {models.Count} models ({string.Join(", ", models.Select(m => m.Id))}), {ModelCacheInput.Size(new FileInfo(output).Length)}");
        return ExitCodes.Ok;
    }
}
