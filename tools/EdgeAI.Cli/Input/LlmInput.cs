using System.CommandLine;
using EdgeAI.Cli.Commands;
using EdgeAI.Host.Configuration;
using EdgeAI.Inference.Configuration;
using EdgeAI.Inference.Models;
using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Configuration;
using EdgeAI.Llm.Fallback;
using EdgeAI.Llm.Loading;
using EdgeAI.TestModels;
using EdgeAI.Llm.Tools;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Scenarios;
using EdgeAI.Services;
using EdgeAI.Services.Energy;
using EdgeAI.Services.Feeds;
using EdgeAI.Services.Map;
using EdgeAI.Services.OpeningHours;
using Microsoft.Extensions.Configuration;

namespace EdgeAI.Cli.Input;

/// <summary>
/// The options of commands that talk to the assistant: <c>--model DIR</c> (an ORT GenAI model folder; default
/// Llm:Model, else the test model in the model cache, else the template fallback), <c>--system FILE</c>,
/// <c>--max-new-tokens N</c>, <c>--fallback</c> and <c>--at SECONDS</c> (where in the bundled city drive the vehicle
/// state the tools read is taken from), plus the inference options (<c>--providers</c>, <c>--config</c>).
/// </summary>
internal sealed class LlmInput
{
    public Option<string?> Model { get; } = new("--model") { Description = "ORT GenAI model folder (default: Llm:Model, else qwen3-test in the model cache, else the template fallback)" };
    public Option<string?> System { get; } = new("--system") { Description = "file holding the system prompt" };
    public Option<int?> MaxNewTokens { get; } = new("--max-new-tokens") { Description = "cap on new tokens per answer (default: Llm:MaxNewTokens, 256)" };
    public Option<bool> Fallback { get; } = new("--fallback") { Description = "answer from templates and the vehicle tools, without a model" };
    public Option<double> At { get; } = new("--at") { Description = "seconds into the drive the vehicle state is read at", DefaultValueFactory = _ => 300 };
    public Option<string?> ScenarioFolder { get; } = new("--scenario") { Description = "scenario folder whose drive the tools read (default: the bundled city drive); with a services section also plan_route and find_places" };
    public InferenceInput Inference { get; } = new();

    /// <summary>The scenario folder used without <c>--scenario</c> (null: the bundled city drive, no services).</summary>
    public string? DefaultScenario { get; init; }

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(System);
        command.Options.Add(MaxNewTokens);
        command.Options.Add(Fallback);
        command.Options.Add(At);
        command.Options.Add(ScenarioFolder);
        Inference.AddTo(command);
    }

    /// <summary>The LLM options: configuration, then the command line.</summary>
    public LlmOptions Options(ParseResult parse, IConfiguration configuration)
    {
        var options = EdgeAIConfiguration.Llm(configuration);
        if (parse.GetValue(System) is { } file)
        {
            options.SystemPrompt = File.Exists(file) ? File.ReadAllText(file).Trim() : throw new FileNotFoundException($"{file}: no such system prompt file", file);
        }

        if (parse.GetValue(MaxNewTokens) is { } max) options.MaxNewTokens = max;
        options.Validate();
        return options;
    }

    /// <summary>The vehicle tools over the drive's state at <c>--at</c> (the bundled city drive, or <c>--scenario</c>'s), and
    /// the service tools when the scenario has a services section for a region edgeai knows.</summary>
    public ToolRegistry Tools(ParseResult parse) => Tools(parse, out _);

    /// <summary><see cref="Tools(ParseResult)"/>, and the scenario's region services (null without a services section).</summary>
    public ToolRegistry Tools(ParseResult parse, out RegionServices? services)
    {
        double at = parse.GetValue(At);
        if (!(at >= 0 && at <= Durations.MaximumSeconds)) throw new UsageException($"--at {at}: expected seconds from the start of the drive, from 0 to {Durations.MaximumSeconds}");
        var scenario = (parse.GetValue(ScenarioFolder) ?? DefaultScenario) is { } folder ? Scenario.Load(folder) : null;
        var snapshot = ContextReplay.At(scenario?.CanLog ?? Assets.CityDriveLog, scenario?.SignalMap ?? Assets.Require(Assets.DemoSignals, "the demo signal map"), TimeSpan.FromSeconds(at));
        var view = new FixedContextView(snapshot);
        var tools = VehicleTools.Create(view).ToList();
        services = scenario?.Services is { } section ? RegionServicesOf(scenario, section) : null;
        if (services is not null) tools.AddRange(ServiceTools.Create(view, services));
        return new ToolRegistry(tools);
    }

    /// <summary>The services of a scenario's region: the demo region's store (streets from the model cache, generated
    /// places from edgeai's assets), the demo car, the scenario's time zone and parking feed.</summary>
    internal static RegionServices RegionServicesOf(Scenario scenario, ScenarioServices services)
    {
        if (services.Region != "sumo-adlershof")
            throw new UsageException($"{Path.Combine(scenario.Folder, Scenario.FileName)}: services.region \"{services.Region}\": expected sumo-adlershof (the one region edgeai ships)");
        RegionMap map;
        using (var store = MapStore.Open(MapInfoCommand.EnsureDemoStore(ModelCache.DefaultRoot))) map = store.Load();
        var profile = VehicleProfileReader.Load(Assets.Require(Path.Combine(Assets.Models, "vehicle", "vw_id3.profile.json"), "the demo car's profile"));
        var zone = TimeZones.Parse(scenario.TimeZone ?? "Europe/Berlin")!;
        return new RegionServices(map, profile, zone, PublicHolidays.Berlin)
        {
            ParkingOccupancy = services.ParkingFeed is { } feed ? FeedFile.Read(feed, FeedKind.ParkingOccupancy) : null,
            Traffic = services.TrafficFeed is { } traffic ? FeedFile.Read(traffic, FeedKind.TrafficSpeed) : null,
            ChargerAvailability = services.ChargerFeed is { } chargers ? FeedFile.Read(chargers, FeedKind.ChargerAvailability) : null,
        };
    }

    /// <summary>What a user of the random-weight test model is told first.</summary>
    public const string TestModelNotice = "edgeai: random-weight test model: its text is noise; use --model DIR for a real Qwen (docs/llm.md), or --fallback";

    /// <summary>
    /// Opens the assistant: the model folder given (bad folder: bad input), else the configured or cached test model,
    /// else the template fallback (said on <paramref name="log"/>). <paramref name="model"/> is the loaded model, to dispose.
    /// </summary>
    public IChatSession Open(ParseResult parse, TextWriter log, out LlmModel? model) => Open(parse, log, null, out model);

    /// <summary><see cref="Open(ParseResult, TextWriter, out LlmModel?)"/> over <paramref name="tools"/> already built
    /// (null: built here from the options).</summary>
    public IChatSession Open(ParseResult parse, TextWriter log, ToolRegistry? tools, out LlmModel? model)
    {
        model = null;
        IConfiguration configuration = Inference.Load(parse);
        LlmOptions options = Options(parse, configuration);
        tools ??= Tools(parse, out _);
        if (parse.GetValue(Fallback)) return new TemplateResponder(tools, options.SystemPrompt);
        string? directory = parse.GetValue(Model) ?? options.Model;
        if (directory is null)
        {
            string? cached = TestLlmWriter.Cached(new ModelCache().Root);
            if (cached is null)
            {
                log.WriteLine("edgeai: no model (pass --model DIR or run `edgeai models make-test-llm`); answering from templates");
                return new TemplateResponder(tools, options.SystemPrompt);
            }

            directory = cached;
        }

        InferenceOptions inference = Inference.Resolve(parse, configuration);
        model = LlmModel.Open(directory, inference);
        InferenceInput.Report(model.Provider, log);
        if (File.Exists(Path.Combine(directory, TestLlmWriter.StampFile)))
            log.WriteLine(TestModelNotice);
        return new LlmChatSession(model, options, tools);
    }
}
