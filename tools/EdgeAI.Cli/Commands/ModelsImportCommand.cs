using System.CommandLine;
using EdgeAI.Cli.Input;
using EdgeAI.Inference.Models;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai models import TARBALL|DIR [--cache DIR]</c>: installs exported models after checking each file against the
/// manifest built into edgeai; a tampered file is refused by name and nothing from that import is installed.
/// </summary>
public sealed class ModelsImportCommand : Command
{
    private readonly ModelCacheInput _cache = new();
    private readonly Argument<string> _source = new("SOURCE") { Description = "a tarball from edgeai models export, or a folder laid out <id>/<file>" };

    public ModelsImportCommand() : base("import", "Install models from an exported tarball or folder, with sha256 checks")
    {
        Arguments.Add(_source);
        _cache.AddTo(this, ids: false);
        SetAction(parse => CommandGuard.Run(parse, (stdout, _) => Execute(parse, stdout)));
    }

    private int Execute(ParseResult parse, TextWriter stdout)
    {
        var cache = _cache.Open(parse);
        string source = parse.GetValue(_source)!;
        var models = ModelArchive.Import(cache, source);
        if (models.Count == 0) throw new InvalidDataException($"{source}: no model of models/manifest.json in it");
        foreach (var m in models) stdout.WriteLine($"{m.Id}: imported (sha256 ok)");
        stdout.WriteLine($"cache: {cache.Root}");
        return ExitCodes.Ok;
    }
}
