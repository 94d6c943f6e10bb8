using System.CommandLine;
using EdgeAI.Cli.Commands;
using EdgeAI.Host.Configuration;
using EdgeAI.Inference.Configuration;
using EdgeAI.Inference.Models;
using EdgeAI.Inference.Providers;
using Microsoft.Extensions.Configuration;

namespace EdgeAI.Cli.Input;

/// <summary>
/// The options of every command that runs a model: <c>--providers tensorrt,cuda,cpu</c> (tried in order; wins over
/// <c>Inference:Providers</c>) and <c>--config edgeai.json</c> (default: edgeai.json in the working directory, then
/// <c>EDGEAI__</c> environment variables).
/// </summary>
internal sealed class InferenceInput
{
    public Option<string?> Providers { get; } = new("--providers")
    {
        Description = "execution providers to try in order: tensorrt, cuda, qnn, cpu (default: Inference:Providers, else cpu)",
    };

    public Option<string?> Config { get; } = new("--config") { Description = "configuration file (default: ./edgeai.json if present)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Providers);
        command.Options.Add(Config);
    }

    /// <summary>The inference options: configuration, then <c>--providers</c>. An unknown provider name is bad input.</summary>
    public InferenceOptions Resolve(ParseResult parse) => Resolve(parse, Load(parse));

    /// <summary>The configuration <c>--config</c> names (or ./edgeai.json), with <c>EDGEAI__</c> variables.</summary>
    public IConfiguration Load(ParseResult parse) => EdgeAIConfiguration.Build(parse.GetValue(Config));

    /// <summary><see cref="Resolve(ParseResult)"/> over a configuration already loaded with <see cref="Load"/>.</summary>
    public InferenceOptions Resolve(ParseResult parse, IConfiguration configuration)
    {
        var options = EdgeAIConfiguration.Inference(configuration);
        string source = "Inference:Providers";
        if (parse.GetValue(Providers) is { } list)
        {
            options.Providers = [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            source = "--providers";
        }
        try
        {
            options.ProviderPlan();
        }
        catch (UnknownExecutionProviderException e)
        {
            throw new UsageException($"{source}: {e.Message}");
        }
        return options;
    }

    /// <summary>The providers skipped on the way to the chosen one, one line each.</summary>
    public static void Report(ProviderChoice choice, TextWriter log)
    {
        foreach (var failure in choice.Failures) log.WriteLine("edgeai: provider " + failure);
    }

    /// <summary><paramref name="explicitPath"/> when given (must exist), else model <paramref name="id"/> from the verified cache.</summary>
    public static string ModelPath(string? explicitPath, string id)
    {
        if (explicitPath is null) return new ModelCache().GetPath(id);
        return File.Exists(explicitPath) ? explicitPath
            : throw new FileNotFoundException($"{explicitPath}: model {id} not found; run: edgeai models fetch", explicitPath);
    }
}
