using System.CommandLine;
using System.Globalization;
using EdgeAI.Cli.Hmi;
using EdgeAI.Cli.Run;
using EdgeAI.Host.Configuration;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai run</c>: the production host. The bundled scenario on simulated drivers by default, so it runs on any
/// machine; <c>--can can0</c> takes a live bus. Under systemd (<c>Type=notify</c>) it sends READY, STATUS and watchdog
/// pings only while every stage makes progress; SIGTERM stops it within its deadline, state persisted (docs/host.md).
/// Settings come from edgeai.json's <c>Run</c> section, <c>EDGEAI__Run__*</c>, <c>--Run:Key=value</c>, then these options.
/// </summary>
public sealed class RunCommand : Command
{
    private readonly Option<string> _config = new("--config") { Description = "configuration file (default: edgeai.json in the working directory, if any)" };
    private readonly Option<string> _scenario = new("--scenario") { Description = "scenario folder (default: the bundled Adlershof drive)" };
    private readonly Option<string> _can = new("--can") { Description = "CAN in: 'replay' (the scenario's log, default) or an interface (can0, vcan0, sim)" };
    private readonly Option<string> _speed = new("--speed") { Description = "replay speed: a factor of real time or 'max' (default 1)" };
    private readonly Option<int?> _loop = new("--loop") { Description = "times to play the replay (0: for ever; default 1)" };
    private readonly Option<bool> _exitAtEnd = new("--exit-at-end") { Description = "stop once the replay has ended and every queue is drained" };
    private readonly Option<string> _state = new("--state") { Description = "state folder: SQLite state and status socket (default $STATE_DIRECTORY or ~/.local/state/edgeai)" };
    private readonly Option<string> _events = new("--events") { Description = "where the v1 JSON events go: '-' (stdout, default), a file (appended) or 'none'" };
    private readonly Option<bool> _noVision = new("--no-vision") { Description = "no driver monitor on the cabin clip" };
    private readonly Option<string> _camera = new("--camera") { Description = "cabin camera: 'scenario' (its clip, default), /dev/videoN, 'gst:PIPELINE ! appsink name=edgeai_sink' or 'none'" };
    private readonly Option<string> _gps = new("--gps") { Description = "GPS in: 'scenario' (its NMEA, default), 'gpsd[:HOST[:PORT]]', 'nmea:DEVICE[:BAUD]' (a serial receiver) or 'none'" };
    private readonly Option<string> _audio = new("--audio") { Description = "cabin microphone: 'scenario' (its recorded utterances, default), 'mic[:DEVICE]' (ALSA), a WAV file, or 'none'" };
    private readonly Option<string> _speaker = new("--speaker") { Description = "spoken answers: 'none' (default: the answer events carry the text), 'alsa[:DEVICE]', or a WAV file" };
    private readonly Option<string> _model = new("--model") { Description = "a Qwen model folder (ORT GenAI); if it fails to load, templates take over and the status says so" };
    private readonly Option<bool> _templates = new("--templates") { Description = "no language model: templates word and answer everything" };
    private readonly Option<string> _otlp = new("--otlp") { Description = "export meter EdgeAI over OTLP/HTTP to this collector (e.g. http://127.0.0.1:4318)" };
    private readonly Option<string?> _serve = new("--serve") { Description = $"serve the HMI (API and cockpit page, docs/hmi.md) on 127.0.0.1:PORT (default {DemoServe.DefaultPort}; 0: any free port)", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string> _stall = new("--stall") { Description = "inject a stall, STAGE@AFTER_S+FOR_S (watchdog tests, HIL)" };

    public RunCommand() : base("run", "The production host: every stage under the Generic Host, systemd notify and watchdog, persistent state")
    {
        foreach (var option in new Option[] { _config, _scenario, _can, _speed, _loop, _exitAtEnd, _state, _events, _noVision, _camera, _gps, _audio, _speaker, _model, _templates, _otlp, _stall, _serve }) Options.Add(option);
        TreatUnmatchedTokensAsErrors = false;
        SetAction((parse, cancellation) => CommandGuard.RunAsync(parse, (stdout, stderr) => ExecuteAsync(parse, stdout, stderr, cancellation)));
    }

    private Task<int> ExecuteAsync(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var overrides = parse.UnmatchedTokens.ToList();
        if (overrides.FirstOrDefault(t => !t.Contains(':', StringComparison.Ordinal) || !t.StartsWith("--", StringComparison.Ordinal)) is { } stray)
            throw new UsageException($"'{stray}': expected an option of 'edgeai run --help' or a setting --Section:Key=value");
        var configuration = EdgeAIConfiguration.Build(parse.GetValue(_config), overrides);
        var options = EdgeAIConfiguration.Run(configuration);
        if (parse.GetValue(_scenario) is { } scenario) options.Scenario = scenario;
        if (parse.GetValue(_can) is { } can) options.Can = can;
        if (parse.GetValue(_speed) is { } speed) options.Speed = speed;
        if (parse.GetValue(_loop) is { } loop) options.Loops = loop;
        if (parse.GetValue(_exitAtEnd)) options.ExitAtEnd = true;
        if (parse.GetValue(_state) is { } state) options.State = state;
        if (parse.GetValue(_events) is { } events) options.Events = events;
        if (parse.GetValue(_noVision)) options.Vision = false;
        if (parse.GetValue(_camera) is { } camera) options.Camera = camera;
        if (parse.GetValue(_gps) is { } gps) options.Gps = gps;
        if (parse.GetValue(_audio) is { } audio) options.Audio = audio;
        if (parse.GetValue(_speaker) is { } speaker) options.Speaker = speaker;
        if (parse.GetValue(_model) is { } model) options.Model = model;
        if (parse.GetValue(_templates)) options.Templates = true;
        if (parse.GetValue(_stall) is { } stall) options.Stall = stall;
        if (parse.GetValue(_otlp) is { } otlp) options.Otlp = otlp;
        if (parse.GetResult(_serve) is not null) options.Serve = DemoServe.ParsePort(parse.GetValue(_serve), "--serve");
        if (options.Serve is < 0 or > 65535) throw new UsageException($"Run:Serve: expected a TCP port from 0 to 65535, found {options.Serve}");
        if (options.ServeRequestsPerSecond < 1) throw new UsageException($"Run:ServeRequestsPerSecond: expected 1 or more, found {options.ServeRequestsPerSecond}");
        if (options.Loops < 0) throw new UsageException($"--loop: expected 0 (for ever) or more, found {options.Loops.ToString(CultureInfo.InvariantCulture)}");
        return HostRun.RunAsync(options, stdout, stderr, cancellation);
    }
}
