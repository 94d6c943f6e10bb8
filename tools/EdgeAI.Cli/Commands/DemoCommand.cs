using EdgeAI.TestModels;
using EdgeAI.Inference.Models;
using EdgeAI.Llm.Tools;
using EdgeAI.Llm.Loading;
using EdgeAI.Llm.Configuration;
using EdgeAI.Llm.Chat;
using EdgeAI.Assistant.Words;
using System.CommandLine;
using System.Globalization;
using EdgeAI.Assistant.Profile;
using EdgeAI.Can.Logs;
using EdgeAI.Can.Replay;
using EdgeAI.Can.Stats;
using EdgeAI.Cli.Demo;
using EdgeAI.Cli.Hmi;
using EdgeAI.Cli.Input;
using EdgeAI.Fusion.Scenarios;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai demo</c>: replays a scenario (default: the bundled Adlershof drive) through the whole pipeline on one
/// virtual clock: fusion of CAN and GPS, the driver monitor on the cabin clip, the trip, parking, restaurant and
/// traffic-light services, the proactive engine, and the occupants' scripted actions and questions. Shows it live on a
/// terminal, as plain lines when redirected, or as v1 JSON events (<c>--json</c>). <c>--log</c> replays a bare CAN log
/// (no services, no camera).
/// </summary>
public sealed class DemoCommand : Command
{
    private readonly Option<string> _scenario = new("--scenario") { Description = "scenario folder to replay (default: the bundled Adlershof drive; docs/scenarios.md)" };
    private readonly Option<string> _speed = new("--speed") { Description = "replay speed: a factor of real time (0.1-100) or 'max' (default 20)", DefaultValueFactory = _ => "20" };
    private readonly Option<double> _from = new("--from") { Description = "seconds of drive to skip at full speed before showing (the assistant still runs)", DefaultValueFactory = _ => 0 };
    private readonly Option<double?> _to = new("--to") { Description = "seconds of drive after which to stop" };
    private readonly Option<string> _log = new("--log") { Description = "a bare CAN log to replay instead of a scenario (vehicle events only)" };
    private readonly Option<string> _signals = new("--signals") { Description = "the vehicle's signal map (default: the scenario's, else models/vehicle/edgeai_demo.signals.json)" };
    private readonly Option<string> _dbc = new("--dbc") { Description = "DBC to use instead of the one the signal map names" };
    private readonly Option<string> _timeZone = new("--tz") { Description = "time zone for local times (IANA name; default: the scenario's, else UTC)" };
    private readonly Option<bool> _noVision = new("--no-vision") { Description = "skip the cabin camera (no driver monitor)" };
    private readonly Option<string> _profile = new("--profile") { Description = "user profile file to learn from and update (default: none, every run starts fresh)" };
    private readonly Option<string> _model = new("--model") { Description = "a Qwen model folder (ORT GenAI) that words the suggestions (checked against their facts) and answers the questions (default: the cached test model words them and is always caught; templates answer)" };
    private readonly Option<bool> _templates = new("--templates") { Description = "no language model: templates word and answer everything" };
    private readonly Option<bool> _plain = new("--plain") { Description = "plain lines even on a terminal" };
    private readonly Option<bool> _json = new("--json") { Description = "one JSON event per line (docs/events.md)" };
    private readonly Option<double> _every = new("--every") { Description = "seconds of drive between status lines (default 30)", DefaultValueFactory = _ => 30 };
    private readonly Option<string?> _serve = new("--serve") { Description = $"serve the HMI (API and cockpit page, docs/hmi.md) on 127.0.0.1:PORT (default {DemoServe.DefaultPort}; 0: any free port); the occupant is whoever uses it (the scenario's script is not played)", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> _paused = new("--paused") { Description = "with --serve: start with the clock paused (POST /api/clock steps it)" };
    private readonly Option<string> _state = new("--state") { Description = "with --serve: the state folder holding the HMI's token (default as edgeai run's: $STATE_DIRECTORY, else ~/.local/state/edgeai)" };

    public DemoCommand() : base("demo", "Replay a drive through the whole assistant pipeline and show it live; needs no hardware")
    {
        foreach (var option in new Option[] { _scenario, _speed, _from, _to, _log, _signals, _dbc, _timeZone, _noVision, _profile, _model, _templates, _plain, _json, _every, _serve, _paused, _state }) Options.Add(option);
        SetAction((parse, cancellation) => CommandGuard.RunAsync(parse, (stdout, stderr) => ExecuteAsync(parse, stdout, stderr, cancellation)));
    }

    /// <summary>The bundled scenario.</summary>
    public static string BundledScenario => Path.Combine(Assets.Models, "scenarios", "adlershof-drive");

    private async Task<int> ExecuteAsync(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        double speed = Durations.ParseSpeed(parse.GetValue(_speed)!, "--speed");
        double every = parse.GetValue(_every);
        if (!(every > 0)) throw new UsageException($"--every: expected seconds above 0, found '{every.ToString(CultureInfo.InvariantCulture)}'");
        double from = parse.GetValue(_from);
        double? to = parse.GetValue(_to);
        if (!(from >= 0) || to is { } t && !(t > from)) throw new UsageException("--from/--to: expected 0 <= from < to seconds of drive");

        string? logOption = parse.GetValue(_log);
        var scenario = logOption is null ? Scenario.Load(parse.GetValue(_scenario) ?? Assets.Require(Path.Combine(BundledScenario, Scenario.FileName), "the bundled scenario")) : null;
        string log = logOption is null ? scenario!.CanLog
            : File.Exists(logOption) ? logOption : throw new FileNotFoundException($"{logOption}: no such CAN log", logOption);
        string mapPath = parse.GetValue(_signals) ?? scenario?.SignalMap ?? Assets.Require(Assets.DemoSignals, "the demo signal map");
        var map = SignalMapInput.Load(mapPath, parse.GetValue(_dbc) ?? scenario?.Dbc, stderr);
        var zone = TimeZones.Parse(parse.GetValue(_timeZone) ?? scenario?.TimeZone) ?? TimeZoneInfo.Utc;
        string? profilePath = parse.GetValue(_profile);
        var profile = profilePath is null ? new UserProfile() : UserProfile.Load(profilePath);
        var pipeline = ScenarioPipeline.Load(scenario, log, map, zone, stderr);
        long startNs = pipeline.StartNs;
        using var camera = parse.GetValue(_noVision) ? null : pipeline.OpenCamera(stderr);
        using var words = DemoWords.Open(parse.GetValue(_templates), parse.GetValue(_model), pipeline, scenario?.Assistant?.Language ?? "en");
        var drive = pipeline.NewDrive(profile, camera, to, writer: words.Writer, answers: words.Answers);
        var serve = DemoServe.Parse(parse.GetResult(_serve) is not null, parse.GetValue(_serve), parse.GetValue(_paused), parse.GetValue(_state));

        var dashboard = new DriveDashboard(drive, new CanBusStatistics());
        bool json = parse.GetValue(_json);
        bool live = !json && serve is null && !parse.GetValue(_plain) && ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        IDemoView view = json ? new JsonDemoView(stdout, every, from) : live ? new LiveDemoView(from) : new PlainDemoView(stdout, every, from);
        var pacer = new ReplayPacer(TimeProvider.System, speed);
        long fromNs = startNs + (long)(from * 1e9);
        string title = scenario?.Name ?? Path.GetFileName(log);
        view.Start($"EdgeAI demo: {title} at {(double.IsPositiveInfinity(speed) ? "max" : speed.ToString("0.##", CultureInfo.InvariantCulture) + "x")} speed");
        using var reader = CanLogFiles.OpenReader(log);
        if (serve is not null)
        {
            await serve.RunAsync(pipeline, drive, words, speed, reader, fromNs, from, dashboard, view, stderr, cancellation);
            if (profilePath is not null) profile.Save(profilePath);
            return ExitCodes.Ok;
        }
        await drive.RunAsync(reader,
            (frameNs, ct) => frameNs < fromNs ? ValueTask.CompletedTask : pacer.WaitAsync(frameNs, ct),
            e => { dashboard.Add(e); view.OnEvent(e, dashboard); },
            () => { dashboard.Observe(in drive.LastFrame); if (dashboard.Seconds >= from) view.Update(dashboard); },
            cancellation);
        view.Finish(dashboard);
        if (!json && words.Summary() is { } wordsLine) stdout.WriteLine(wordsLine);
        if (profilePath is not null) profile.Save(profilePath);
        return ExitCodes.Ok;
    }
}
